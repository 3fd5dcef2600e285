/**
 * The `RandomPassword` inputs each target's users have been deployed with, written out rather than imported, so
 * that a change to a password policy fails the tests: a changed input replaces the resource and rotates the password.
 */
export const ELASTICACHE_PASSWORD_INPUTS = {
    length: 32,
    special: true,
    overrideSpecial: "!&#$^<>-",
    minLower: 1,
    minUpper: 1,
    minNumeric: 1,
    minSpecial: 1,
};

export const KUBERNETES_PASSWORD_INPUTS = { length: 40, special: false, minLower: 1, minUpper: 1, minNumeric: 1 };
