/**
 * The least share of a sentence's content words that one passage of its cited
 * chunk must hold. Provisional (a round value) until the fit script
 * (scripts/fit-verify-threshold.ts) measures it on generated SQuAD pairs.
 */
export const SUPPORT_THRESHOLD = 0.6;
