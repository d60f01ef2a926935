/**
 * What the demo instance shows (ux.md « Demo data »): the associations of the project's
 * brochure with their activity field (codes of product spec §A10), their projects, and
 * plausible people and titles. Fictitious people; addresses on the reserved `.example`.
 */

export interface DemoAssociation {
  name: string;
  description: string;
  /** §A10 code: group N, field N.M in the order of the official list. */
  activityFieldCode: string;
  postalCode: string;
  website: string | null;
  moderateDeclarations: boolean;
  volunteers: number;
  projects: string[];
}

export const DEMO_ASSOCIATIONS: DemoAssociation[] = [
  {
    name: 'afd21 Association Française des Diabétiques de Côte d’Or',
    description: 'Information, prévention et entraide autour du diabète en Côte-d’Or.',
    activityFieldCode: '5.3', // Groupement de malades
    postalCode: '21000', website: null, moderateDeclarations: true, volunteers: 7,
    projects: ['Semaine nationale du diabète', 'Permanences à l’hôpital'],
  },
  {
    name: 'AIKIDOJO DIJON',
    description: 'Club d’aïkido à Dijon : cours adultes et enfants, stages.',
    activityFieldCode: '2.1', // Club de sport…
    postalCode: '21000', website: null, moderateDeclarations: false, volunteers: 5,
    projects: ['Stage d’été', 'Cours enfants'],
  },
  {
    name: 'CSFD handball',
    description: 'Section handball : école de hand, équipes jeunes et seniors.',
    activityFieldCode: '2.1',
    postalCode: '21000', website: null, moderateDeclarations: true, volunteers: 8,
    projects: ['Tournoi de printemps', 'École de hand'],
  },
  {
    name: 'April',
    description: 'Promouvoir et défendre le logiciel libre.',
    activityFieldCode: '7.11', // Autre association de défense de causes, de droits et d'intérêts
    postalCode: '75011', website: 'https://www.april.org', moderateDeclarations: false, volunteers: 6,
    projects: ['Libre en Fête', 'Groupe Sensibilisation'],
  },
  {
    name: 'Cliss XXI',
    description: 'Logiciels libres et services numériques pour l’économie sociale et solidaire.',
    activityFieldCode: '7.11',
    postalCode: '62800', website: null, moderateDeclarations: false, volunteers: 4,
    projects: ['Install-parties', 'Hébergement associatif'],
  },
  {
    name: 'Association ouverte',
    description: 'Ateliers artistiques et festival ouverts à toutes et tous.',
    activityFieldCode: '1.1', // Association culturelle ou artistique…
    postalCode: '21000', website: null, moderateDeclarations: false, volunteers: 6,
    projects: ['Festival', 'Atelier théâtre'],
  },
  {
    name: 'Ceméa-BFC',
    description: 'Mouvement d’éducation nouvelle : formations d’animateurs et de formateurs.',
    activityFieldCode: '6.3', // Formation continue d'adultes
    postalCode: '21000', website: null, moderateDeclarations: true, volunteers: 6,
    projects: ['Formation BAFA', 'Accueils collectifs de mineurs'],
  },
  {
    name: 'Cercle Laïque andrea',
    description: 'Ciné-club, bibliothèque et activités culturelles de quartier.',
    activityFieldCode: '1.2', // MJC, centre d'action culturelle, club culturel
    postalCode: '21000', website: null, moderateDeclarations: false, volunteers: 5,
    projects: ['Ciné-club', 'Bourse aux livres'],
  },
  {
    name: 'FFMJC',
    description: 'Fédération française des maisons des jeunes et de la culture.',
    activityFieldCode: '1.2',
    postalCode: '75013', website: null, moderateDeclarations: true, volunteers: 6,
    projects: ['Rencontres nationales', 'Fête de quartier'],
  },
  {
    name: 'CRAJEP Bourgogne-Franche-Comté',
    description: 'Coordination régionale des associations de jeunesse et d’éducation populaire.',
    activityFieldCode: '1.8', // Autre activité culturelle ou artistique
    postalCode: '25000', website: null, moderateDeclarations: true, volunteers: 5,
    projects: ['Assises de la jeunesse', 'Réseau des adhérents'],
  },
  {
    name: 'LA CHOUETTE MONNAIE LOCALE',
    description: 'La monnaie locale complémentaire et citoyenne de Côte-d’Or.',
    activityFieldCode: '8.1', // Association de développement économique et de développement local…
    postalCode: '21000', website: null, moderateDeclarations: false, volunteers: 7,
    projects: ['Comptoirs de change', 'Marché des producteurs'],
  },
  {
    name: 'CRIC & CO',
    description: 'Tiers-lieu associatif : repair café, ateliers et circuits courts.',
    activityFieldCode: '8.1',
    postalCode: '71100', website: null, moderateDeclarations: true, volunteers: 6,
    projects: ['Tiers-lieu', 'Repair café'],
  },
];

export const FIRST_NAMES = [
  'Camille', 'Léa', 'Hugo', 'Manon', 'Lucas', 'Chloé', 'Louis', 'Inès', 'Gabriel', 'Jade', 'Nathan', 'Zoé', 'Arthur',
  'Lina', 'Jules', 'Sarah', 'Adam', 'Emma', 'Raphaël', 'Alice', 'Mohamed', 'Louise', 'Théo', 'Rose', 'Paul', 'Anna',
  'Yanis', 'Margaux', 'Malik', 'Claire', 'Bernard', 'Monique', 'Gérard', 'Françoise', 'Alain', 'Nadia', 'Karim', 'Sylvie',
];

export const LAST_NAMES = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent',
  'Lefebvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'Benali', 'Nguyen',
];

/** Plausible titles by reference category code (§A10), so any category gets sensible ones. */
export const TITLES: Record<string, string[]> = {
  gouvernance: ['Réunion du conseil d’administration', 'Assemblée générale', 'Réunion de bureau', 'Préparation de l’assemblée générale'],
  administration: ['Comptabilité du mois', 'Tenue du secrétariat', 'Dossier de demande de subvention', 'Relance des adhésions'],
  animation: ['Animation d’un atelier', 'Encadrement de l’entraînement', 'Sortie avec le groupe', 'Atelier découverte'],
  evenements: ['Tenue du stand', 'Montage et démontage', 'Préparation de la fête', 'Accueil du public'],
  accompagnement: ['Permanence d’écoute', 'Visite à domicile', 'Aide aux devoirs', 'Accueil d’un nouveau membre'],
  communication: ['Lettre d’information', 'Mise à jour du site', 'Affiches et tracts', 'Publication sur les réseaux'],
  formation: ['Formation des nouveaux bénévoles', 'Journée de formation', 'Formation aux premiers secours'],
  logistique: ['Rangement du local', 'Transport du matériel', 'Petits travaux', 'Courses pour l’événement'],
  representation: ['Rencontre avec la mairie', 'Réunion inter-associative', 'Forum des associations'],
  autre: ['Coup de main', 'Tâches diverses'],
};

/** How often each reference category comes up (the field work dominates). */
export const CATEGORY_WEIGHTS: Record<string, number> = {
  gouvernance: 3, administration: 3, animation: 8, evenements: 6, accompagnement: 6,
  communication: 3, formation: 2, logistique: 4, representation: 2, autre: 1,
};

export const REJECTION_REASONS = [
  'Cette action a déjà été déclarée par une autre personne de l’équipe.',
  'La date ne correspond pas : l’événement avait lieu la semaine suivante.',
  'Merci de préciser ce qui a été fait dans la description.',
];

export const PARTIAL_REASONS = ['Le trajet est compté dans la distance, pas dans la durée.', 'La réunion a duré moins longtemps que prévu.'];

/** Quick durations of the form (½ journée = 3 h 30, 1 journée = 7 h) and common ones, in minutes. */
export const DURATIONS = [30, 60, 60, 90, 120, 120, 120, 150, 180, 210, 210, 240, 420];
