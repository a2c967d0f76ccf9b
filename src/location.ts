/**
 * From a JSON Schema error to a place in the YAML text: an ajv instancePath
 * (`/environments/dev/production`) -> the yaml node it names -> line:col
 * through the document's LineCounter.
 */
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';

/** The segments of a JSON Pointer (`~1` is `/`, `~0` is `~`). */
export function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function pairOf(map: Node, key: string): Pair | undefined {
  if (!isMap(map)) return undefined;
  return (map.items as Pair[]).find((p) => isScalar(p.key) && String(p.key.value) === key);
}

/** The node an instance path names, or the deepest node on the way there when a step is missing. */
export function nodeAt(doc: Document, pointer: string): Node | null {
  let node = doc.contents as Node | null;
  for (const seg of pointerSegments(pointer)) {
    if (!node) return null;
    let next: Node | null | undefined;
    if (isSeq(node)) next = node.items[Number(seg)] as Node | undefined;
    else next = (pairOf(node, seg)?.value as Node | null | undefined) ?? undefined;
    if (next === undefined || next === null) return node;
    node = next;
  }
  return node;
}

/** The key node of `key` in the mapping at `pointer`, else that mapping's node. */
export function keyNodeAt(doc: Document, pointer: string, key: string): Node | null {
  const map = nodeAt(doc, pointer);
  return ((map && (pairOf(map, key)?.key as Node | undefined)) ?? map) || null;
}

/** line:col (1-based) of a node's start; 1:1 without one. */
export function positionOf(node: Node | null | undefined, lineCounter: LineCounter): { line: number; col: number } {
  return node?.range ? lineCounter.linePos(node.range[0]) : { line: 1, col: 1 };
}

/** `environments.dev.sources[0].vault`: an instance path as messages name a key. */
export function keyPath(pointer: string, doc: Document): string {
  let out = '';
  let node = doc.contents as Node | null;
  for (const seg of pointerSegments(pointer)) {
    if (node && isSeq(node)) {
      out += `[${seg}]`;
      node = (node.items[Number(seg)] as Node | undefined) ?? null;
    } else {
      out += out ? `.${seg}` : seg;
      node = node ? ((pairOf(node, seg)?.value as Node | null | undefined) ?? null) : null;
    }
  }
  return out;
}
