// Mots de la page d'administration des envois vers les autres sites (français).
export default {
  'admin.nav.deliveries': 'Envois aux autres sites',
  'admin.nav.deliveries.hint': 'ce qui attend de partir vers les autres sites, et ce qui n\'a pas pu partir',

  'admin.deliveries.intro': 'Quand quelque chose change ici (une actualité, une association…), Bénévalibre le transmet aux autres sites qui doivent le savoir. Si un site ne répond pas, l\'envoi est réessayé pendant plus de deux jours, puis abandonné. Vous pouvez relancer les envois d\'un site à tout moment.',
  'admin.deliveries.listTitle': 'Sites avec des envois en cours ou en échec',
  'admin.deliveries.empty': 'Rien en attente : tout ce qui devait partir vers les autres sites est parti.',
  'admin.deliveries.refresh': 'Actualiser',
  'admin.deliveries.queued': 'En attente : {n}',
  'admin.deliveries.failing': 'En échec, nouvel essai prévu : {n}',
  'admin.deliveries.dead': 'Abandonnés : {n}',
  'admin.deliveries.state.open': 'Ce site ne répond plus : ses envois sont suspendus jusqu\'au {date}.',
  'admin.deliveries.state.halfOpen': 'Ce site a eu des difficultés : le prochain envoi dira s\'il répond de nouveau.',
  'admin.deliveries.state.ok': 'Ce site répond.',
  'admin.deliveries.blocked': 'Site bloqué : rien ne lui est envoyé.',
  'admin.deliveries.lastError': 'Dernière erreur : {error}',
  'admin.deliveries.lastSuccess': 'Dernier envoi réussi le {date}.',
  'admin.deliveries.retry': 'Réessayer maintenant',
  'admin.deliveries.retried.one': '{n} envoi vers {host} relancé.',
  'admin.deliveries.retried.other': '{n} envois vers {host} relancés.',
  'admin.deliveries.retriedNone': 'Rien à relancer pour {host}.',
};
