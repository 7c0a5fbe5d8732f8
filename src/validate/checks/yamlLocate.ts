import { isNode, LineCounter, parseAllDocuments, type Document } from 'yaml';

export interface LocatedDocument {
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

export function parseLocated(text: string): LocatedDocument[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, merge: true });
  return (Array.isArray(docs) ? docs : [docs]).map((doc) => ({ doc, lineCounter }));
}

/** Line of the node at a JSON pointer (`/services/api-1/ports/0`), or of its nearest existing parent. */
export function lineOfPointer({ doc, lineCounter }: LocatedDocument, pointer: string): number | undefined {
  const path = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}
