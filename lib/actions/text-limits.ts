/**
 * The longest text each form field takes: the server's schemas refuse more,
 * and the forms show a counter against the same numbers. Plain constants, so
 * client components import them without the schemas.
 */
export const TEXT_LIMITS = {
  title: 200,
  description: 5000,
  justification: 5000,
  compensatingControls: 5000,
  reason: 2000,
  note: 5000,
} as const;
