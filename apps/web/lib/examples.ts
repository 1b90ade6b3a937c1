/** Examples of what a field takes, the same in every language (an address and a pass code are not words). */
export const ADDRESS_EXAMPLE = '1234*example.com';
export const PASS_CODE_EXAMPLE = '123 456';
