/**
 * What a re-ingest has to do, decided from content hashes alone (pure).
 * @module
 */

export interface DocumentPlan {
  added: string[];
  changed: string[];
  unchanged: string[];
  removed: string[];
}

interface Hashed {
  id: string;
  sha256: string;
}

export function planDocuments(current: readonly Hashed[], previous: readonly Hashed[]): DocumentPlan {
  const before = new Map(previous.map((doc) => [doc.id, doc.sha256]));
  const now = new Set(current.map((doc) => doc.id));
  const plan: DocumentPlan = { added: [], changed: [], unchanged: [], removed: [] };
  for (const doc of current) {
    const sha = before.get(doc.id);
    if (sha === undefined) plan.added.push(doc.id);
    else if (sha === doc.sha256) plan.unchanged.push(doc.id);
    else plan.changed.push(doc.id);
  }
  plan.removed = previous.filter((doc) => !now.has(doc.id)).map((doc) => doc.id);
  return plan;
}
