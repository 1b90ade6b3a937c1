// No zod here: the sign-up page shows the rule before the contract's schemas load (@openmsg/core/api/password-rules).

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;
