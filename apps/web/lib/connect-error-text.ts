import { type ErrorsText, type ErrorText, errorText } from './error-text';

/**
 * What the Connect page says when connecting fails: the node's sentence, except where the inbox knows
 * better what the person can do (errors.json `connect.*`).
 * - refused: their node answers the same for a wrong code and for an address it does not serve (so no
 *   one learns which addresses exist), so the sentence names both as possibly mistyped.
 * - unreachable: one sentence saying what failed, one saying what to do (the node's sentence and the
 *   inbox's next step said nearly the same thing twice).
 */
export function connectErrorText(caught: unknown, address: string, text: ErrorsText): ErrorText {
  const { t } = text;
  const result = errorText(caught, t('connect.failed'), text);
  if (result.code === 'refused')
    return { ...result, message: t('connect.refused'), nextStep: t('connect.refusedNext') };
  if (result.code === 'unreachable') {
    const domain = address.split('*')[1]?.trim();
    return {
      ...result,
      message: domain ? t('connect.unreachableDomain', { domain }) : t('connect.unreachable'),
      nextStep: t('connect.unreachableNext'),
    };
  }
  return result;
}
