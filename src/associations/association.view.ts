/** How an association is shown through the API (camelCase; income in whole euros). */
import type { Permissions } from '../memberships/policy.ts';
import type { MemberFunction, MembershipStatus } from '../memberships/membership.table.ts';
import type { AssociationRow, AssociationSummaryRow } from './association.repository.ts';
import type { HasEmployees } from './association.table.ts';

export interface PermissionsView {
  listMembers: boolean;
  manageMembers: boolean;
  manageDeclarations: boolean;
  manageCategories: boolean;
  manageLevels: boolean;
  manageProjects: boolean;
  manageRoles: boolean;
  manageAssociation: boolean;
}

export function permissionsView(p: Permissions): PermissionsView {
  return {
    listMembers: p.list_members,
    manageMembers: p.manage_members,
    manageDeclarations: p.manage_declarations,
    manageCategories: p.manage_categories,
    manageLevels: p.manage_levels,
    manageProjects: p.manage_projects,
    manageRoles: p.manage_roles,
    manageAssociation: p.manage_association,
  };
}

export interface AssociationSummary {
  id: string;
  handle: string;
  name: string;
  description: string;
  logoUrl: string | null;
  activityField: { code: string; name: string } | null;
  postalCode: string | null;
  country: string;
  isHidden: boolean;
  isActive: boolean;
  memberCount: number;
}

export interface MembershipBrief {
  id: string;
  status: MembershipStatus;
  role: { id: string; name: string };
  function: MemberFunction;
}

export interface ViewerBlock {
  membership: MembershipBrief | null;
  permissions: PermissionsView;
  canJoin: boolean;
  canLeave: boolean;
  isAdmin: boolean;
  isAnonymousMember: boolean;
}

/** The fields a manager edits, as the API names them (also what the audit trail compares). */
export interface AssociationFields {
  name: string;
  description: string;
  website: string | null;
  activityFieldCode: string | null;
  country: string;
  postalCode: string | null;
  hasEmployees: HasEmployees;
  yearlyIncome: number | null;
  timeZone: string;
  isHidden: boolean;
  moderateMembership: boolean;
  moderateDeclarations: boolean;
}

export interface AssociationView extends AssociationSummary {
  website: string | null;
  hasEmployees: HasEmployees;
  yearlyIncome: number | null;
  timeZone: string;
  moderateMembership: boolean;
  moderateDeclarations: boolean;
  createdAt: string;
  approvedAt: string | null;
  viewer: ViewerBlock;
}

/** Income is stored in cents (no floating point in totals), shown in whole euros. */
export const euros = (cents: number | null): number | null => (cents === null ? null : Math.floor(cents / 100));

export function fieldsOf(r: AssociationRow): AssociationFields {
  return {
    name: r.name,
    description: r.description,
    website: r.website,
    activityFieldCode: r.activity_field_code,
    country: r.country,
    postalCode: r.postal_code,
    hasEmployees: r.has_employees,
    yearlyIncome: euros(r.yearly_income_cents),
    timeZone: r.time_zone,
    isHidden: r.is_hidden === 1,
    moderateMembership: r.moderate_membership === 1,
    moderateDeclarations: r.moderate_declarations === 1,
  };
}

export function toSummary(r: AssociationSummaryRow): AssociationSummary {
  return {
    id: r.id,
    handle: r.handle,
    name: r.name,
    description: r.description,
    // The version parameter lets browsers cache the image until it changes.
    logoUrl: r.logo_updated_at ? `/api/v1/associations/${r.id}/logo?v=${encodeURIComponent(r.logo_updated_at)}` : null,
    activityField: r.activity_field_code && r.activity_field_name ? { code: r.activity_field_code, name: r.activity_field_name } : null,
    postalCode: r.postal_code,
    country: r.country,
    isHidden: r.is_hidden === 1,
    isActive: r.is_active === 1,
    memberCount: r.member_count,
  };
}

export function toAssociationView(r: AssociationSummaryRow, viewer: ViewerBlock): AssociationView {
  return {
    ...toSummary(r),
    website: r.website,
    hasEmployees: r.has_employees,
    yearlyIncome: euros(r.yearly_income_cents),
    timeZone: r.time_zone,
    moderateMembership: r.moderate_membership === 1,
    moderateDeclarations: r.moderate_declarations === 1,
    createdAt: r.created_at,
    approvedAt: r.approved_at,
    viewer,
  };
}
