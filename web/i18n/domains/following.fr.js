// Mots du suivi des associations d'autres sites (français). Jamais « instance » ni
// « ActivityPub » : « un autre site Bénévalibre » (ux.md).
export default {
  'following.follow': 'Suivre ses actualités',
  'following.unfollow': 'Ne plus suivre',
  'following.pending': 'En attente : son site doit confirmer',
  'following.accepted': 'Vous suivez ses actualités',
  'following.followHint': 'Ses actualités publiques apparaîtront dans « Associations suivies ». Cela ne vous inscrit pas comme membre.',
  'following.followed': 'C\'est noté : vous suivez ses actualités. Elles apparaîtront dans vos associations suivies.',
  'following.unfollowed': 'Vous ne suivez plus ses actualités.',
  'following.confirmUnfollow': 'Ne plus suivre {name} ? Ses actualités déjà reçues ne seront plus affichées ici.',
  'following.title': 'Associations suivies',
  'following.lead': 'Les associations d\'autres sites Bénévalibre dont vous suivez les actualités publiques ; celles dont vous êtes membre vous envoient aussi leurs actualités réservées aux membres.',
  'following.empty': 'Vous ne suivez encore aucune association d\'un autre site. Cherchez-en une pour lire ses actualités ici.',
  'following.find': 'Trouver une association d\'un autre site',
  'following.see': 'Voir sa fiche',
  'following.newsTitle': 'Leurs dernières actualités',
  'following.noNews': 'Pas encore d\'actualité reçue. Les prochaines actualités publiques des associations suivies s\'afficheront ici.',
  'following.from': 'De {name}',
  'following.more': 'Actualités plus anciennes',
  'following.dashboardLink': 'Associations suivies',
  'following.dashboardText': 'Lisez les actualités des associations d\'autres sites que vous suivez ou dont vous êtes membre.',
};
