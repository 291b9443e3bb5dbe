package city.iam.review.campaign;

/**
 * How a grant reaches the user. Roles: mapped DIRECTLY, through a COMPOSITE role mapped to the user, or through
 * a GROUP membership (the group or an ancestor holds the role). Groups: a MEMBER of the group itself, or of one
 * of its SUBGROUPs. Organisations: a MEMBER. Identity providers: a LINK. Whole accounts: the ACCOUNT itself.
 * Service accounts hold their roles DIRECTLY.
 */
public enum GrantKind {
    DIRECT, COMPOSITE, GROUP, MEMBER, SUBGROUP, LINK, ACCOUNT
}
