/**
 * Chunks made of real paragraphs from the default corpus (copied, so the tests do not
 * move when the corpus or the chunker changes), and a deterministic stand-in embedder.
 */
import type { RetrievedChunk } from '../../../src/retrieval/types.js';
import { tokenize } from '../../../src/text/tokenize.js';

export const KAYANI =
  'General Kayani’s visit\n\nChief of Army Staff (COAS) General Ashfaq Kayani arrived in Moscow on October 4 and visited the tomb of an unknown soldier at the Kremlin to lay a floral wreath. Next day he called on Russian Federation Armed Forces Chief of General Staff (CGS) General Makarov.';

export const PUTIN_CANCELLED =
  'Since then, bilateral relations have come a long way. However, Islamabad is still waiting to welcome President Vladimir Putin in Pakistan. He was scheduled to visit in 2012 but the trip was cancelled at the last minute for unknown reasons. In what was seen as a damage-control exercise, President Putin immediately dispatched Foreign Minister Sergei Lavrov to Islamabad, reassuring the latter that the President was looking forward to visiting Pakistan as soon as possible.';

export const SHOIGU =
  'Interestingly, there has been no summit level visit from Moscow, except one and that too, in 2007 by then Prime Minster Mikhail Fradkov. Another important visit that took place from Moscow was by Russian Defence Minister Sergei Shoigu in 2014.';

export const CASA =
  'Apart from that, Russia is also interested in the Central Asia-South Asia electricity transmission from Kyrgyzstan and Tajikistan to Afghanistan and Pakistan (CASA-1000), and the construction of rail tracks and motor roads from Tajikistan to Pakistan to create new trade routes in the region.';

export const PIPELINE =
  'Energy Cooperation\nLavrov and his Pakistani counterpart, Shah Mehmood Qureshi, announced that construction by Russia of a 1,100-kilometre gas pipeline will begin soon in Pakistan. The pipeline, linking the southern port city of Karachi to the eastern city of Lahore, will cost an estimated $2 billion and is expected to transport up to 12.4 billion cubic metres of gas annually.';

export const TRADE =
  'Trade Relations\nThe steady growth in bilateral ties saw trade between Russia and Pakistan last year hitting an all-time high of $790 million, an increase of 46 percent, mainly due to large supplies of Russian wheat to help Islamabad bridge its domestic shortfalls.';

export const FRANCE =
  'Islamabad wants to establish business ties to acquire nuclear fuel, nuclear reactors, and technical assistance from industrial nuclear suppliers. Pakistan wants Nuclear Supplier Group Membership to achieve nuclear legitimacy in the world. Pakistan emphasizes a criterion-based approach to membership but France, the UK and Russia favored the merit-based approach. Russian Embassy officials in Islamabad hinted at a policy shift from backing the merit-based to backing the criteria-based approach.';

export const ZARDARI =
  'Besides, President Zardari and the former Russian President, Medvedev, have met six times since May 2011.¹⁶ In this regard, President Zardari stated during his visit to Moscow in 2011: “Our countries are very close neighbours; we are located in the same region, and although we do not share borders, our hearts beat in unison.”¹⁷';

export const LAVROV_REASSURE =
  'In an unprecedented exchange between Russia and Pakistan, Russian Foreign Minister Sergey Lavrov visited Islamabad last week while Pakistan Army Chief General Ashfaq Pervez Kiani flew to Russia for consolidating progress in defense cooperation. Lavrov’s unscheduled visit was to reassure Pakistani leader-ship that President Putin remained committed to resetting ties despite cancellation of his visit.';

export const AYUB =
  'Ayub Khan in 1965 and Nawaz Sharif in 1999 visited Russia but in June 2002 the Musharraf-Putin meeting at the Multinational Security Summit in Almaty made the institutionalization of relations possible.';

/** Retrieved chunks in rank order, from `[id, text]` pairs; `start` defaults to 0. */
export function retrieved(...chunks: [id: string, text: string, start?: number][]): RetrievedChunk[] {
  return chunks.map(([id, text, start = 0], i) => {
    const [docId = id, n = '0'] = id.split(':');
    return {
      chunk: { id, docId, n: Number(n), text, start, end: start + text.length },
      title: docId,
      score: 1 / (60 + i + 1),
      denseRank: i + 1,
      lexicalRank: i + 1,
      similarity: 0,
    };
  });
}

const DIMS = 256;

/** FNV-1a: a stable hash, so the stand-in vectors are the same on every run. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Bag-of-words vector of the lexical terms, hashed into DIMS buckets and normalised. */
export function hashEmbed(text: string): Float32Array {
  const v = new Float32Array(DIMS);
  for (const term of tokenize(text)) v[hash(term) % DIMS]! += 1;
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

export const embed = async (texts: readonly string[]): Promise<Float32Array[]> => texts.map(hashEmbed);
