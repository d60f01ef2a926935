/** Words of attestations (message keys → French and English), merged into src/i18n/messages.ts. */
export default {
  // Fields
  attestation_association_required: { fr: 'Choisissez l’association.', en: 'Choose the association.' },
  attestation_one_association: {
    fr: 'Choisissez une seule association (de ce site ou d’un autre site Bénévalibre).',
    en: 'Choose one association only (on this site or another Bénévalibre site).',
  },
  attestation_period_order: { fr: 'La fin de la période doit être le jour du début ou après.', en: 'The end of the period must be on or after its start.' },
  attestation_period_too_long: { fr: 'La période ne peut pas dépasser 10 ans.', en: 'The period cannot exceed 10 years.' },
  attestation_no_hours: {
    fr: 'Aucune heure validée dans cette association sur cette période : choisissez une autre période.',
    en: 'No approved hours in this association during this period: choose another period.',
  },
  attestation_person_unknown: {
    fr: 'Cette personne n’a pas d’heure validée dans l’association : choisissez-en une dans la liste.',
    en: 'This person has no approved hours in the association: choose one from the list.',
  },
  attestation_reason_required: {
    fr: 'Dites pourquoi vous révoquez cette attestation : la personne et ceux qui la vérifient verront ce motif.',
    en: 'Say why you revoke this certificate: the person and whoever checks it will see this reason.',
  },
  attestation_code_invalid: {
    fr: 'Ce code n’a pas la bonne forme : il ressemble à BV-7K3M-Q9TX-2HWD.',
    en: 'This code does not have the right form: it looks like BV-7K3M-Q9TX-2HWD.',
  },
  attestation_file_unreadable: {
    fr: 'Ce fichier n’est pas une attestation : déposez le PDF téléchargé sur Bénévalibre ou son fichier .jws.',
    en: 'This file is not a certificate: drop the PDF downloaded from Bénévalibre or its .jws file.',
  },
  // Refusals
  attestation_already_revoked: { fr: 'Cette attestation est déjà révoquée.', en: 'This certificate is already revoked.' },
  attestation_evidence_unavailable: {
    fr: 'Les validations de cette association n’ont pas pu être vérifiées auprès de son site pour le moment. Réessayez plus tard.',
    en: 'The approvals of this association could not be checked with its site for now. Try again later.',
  },
  // Verification answers
  attestation_valid: { fr: 'Attestation valable : elle est signée par son émetteur et n’a pas été modifiée.', en: 'Valid certificate: signed by its issuer and not modified.' },
  attestation_revoked: { fr: 'Attestation révoquée par l’association : elle ne compte plus.', en: 'Certificate revoked by the association: it no longer counts.' },
  attestation_unconfirmed: {
    fr: 'Cette attestation a bien été délivrée par ce site, mais la personne a depuis supprimé son compte : son contenu n’est plus conservé ici. Déposez le fichier de l’attestation (PDF ou .jws) pour la vérifier.',
    en: 'This certificate was issued by this site, but the person has since deleted their account: its content is no longer kept here. Drop the certificate file (PDF or .jws) to check it.',
  },
  attestation_content_erased: {
    fr: 'La personne a supprimé son compte : cette attestation n’est plus conservée ici.',
    en: 'The person deleted their account: this certificate is no longer kept here.',
  },
  attestation_invalid_unknown_code: {
    fr: 'Aucune attestation n’a ce code sur ce site. Vérifiez la saisie, ou déposez le fichier de l’attestation.',
    en: 'No certificate has this code on this site. Check what you typed, or drop the certificate file.',
  },
  attestation_invalid_malformed: { fr: 'Ce n’est pas une attestation lisible (fichier abîmé ou incomplet).', en: 'This is not a readable certificate (damaged or incomplete file).' },
  attestation_invalid_not_an_attestation: { fr: 'Ce document n’est pas une attestation Bénévalibre.', en: 'This document is not a Bénévalibre certificate.' },
  attestation_invalid_key_not_found: {
    fr: 'La clé de l’émetteur est introuvable : son site ne répond pas ou ne la publie pas. Impossible de confirmer l’attestation.',
    en: 'The issuer’s key cannot be found: its site does not answer or does not publish it. The certificate cannot be confirmed.',
  },
  attestation_invalid_bad_signature: {
    fr: 'La signature ne correspond pas : l’attestation a été modifiée ou n’a pas été émise par ce signataire.',
    en: 'The signature does not match: the certificate was modified or not issued by this signer.',
  },
  attestation_invalid_evidence: {
    fr: 'Les validations jointes ne sont pas toutes signées par l’association, ou ne correspondent pas aux heures attestées.',
    en: 'The attached approvals are not all signed by the association, or do not match the hours attested.',
  },
} as const;
