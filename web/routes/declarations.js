// Pages of this domain: path pattern → { page, auth?: 'user' | 'guest', props? }.
export const declarationRoutes = {};
