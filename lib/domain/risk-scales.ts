/**
 * A risk's scales, shared by the risk forms (client components) and their
 * server-side schemas; in a module of their own so the forms do not ship zod.
 */
export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export const LIKELIHOODS = ["rare", "unlikely", "possible", "likely", "almost-certain"] as const;
