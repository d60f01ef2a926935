// Words of the admin page about deliveries to other sites (English).
export default {
  'admin.nav.deliveries': 'Deliveries to other sites',
  'admin.nav.deliveries.hint': 'what is waiting to go to other sites, and what could not go',

  'admin.deliveries.intro': 'When something changes here (a news item, an association…), Bénévalibre passes it on to the other sites that need to know. When a site does not answer, the delivery is tried again for more than two days, then given up. You can try a site\'s deliveries again at any time.',
  'admin.deliveries.listTitle': 'Sites with deliveries waiting or failing',
  'admin.deliveries.empty': 'Nothing waiting: everything that had to go to other sites has gone.',
  'admin.deliveries.refresh': 'Refresh',
  'admin.deliveries.queued': 'Waiting: {n}',
  'admin.deliveries.failing': 'Failed, will be tried again: {n}',
  'admin.deliveries.dead': 'Given up: {n}',
  'admin.deliveries.state.open': 'This site no longer answers: its deliveries are paused until {date}.',
  'admin.deliveries.state.halfOpen': 'This site had trouble: the next delivery will tell whether it answers again.',
  'admin.deliveries.state.ok': 'This site answers.',
  'admin.deliveries.blocked': 'Blocked site: nothing is sent to it.',
  'admin.deliveries.lastError': 'Last error: {error}',
  'admin.deliveries.lastSuccess': 'Last successful delivery on {date}.',
  'admin.deliveries.retry': 'Try again now',
  'admin.deliveries.retried.one': '{n} delivery to {host} queued again.',
  'admin.deliveries.retried.other': '{n} deliveries to {host} queued again.',
  'admin.deliveries.retriedNone': 'Nothing to try again for {host}.',
};
