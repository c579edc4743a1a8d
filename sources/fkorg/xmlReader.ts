// A strict, small XML reader for SOAP messages, producing the same plain-object shape fast-xml-parser
// does with removeNSPrefix/ignoreAttributes/parseTagValue=false/trimValues (element -> object of child
// elements, text-only element -> its text). Written here because the client parses every `list` answer
// on the request path: fast-xml-parser plus its validator took ~60 ms per 100 units (500 KB), this takes
// ~4 ms per 100 units of the sample (700 KiB), and checks well-formedness in the same pass
// (fast-xml-parser alone accepts unbalanced tags). It allocates only what it returns: frames are reused,
// a text-only element gets no object, and each prefixed name's local part is computed once per answer.
//
// SOAP forbids DTDs, so a DOCTYPE is refused outright: no entity expansion, no external entities.
// Attributes are skipped (FK ORG carries nothing the client needs in them). Namespace prefixes are
// dropped from names; mixed content keeps only the child elements.
import { readOwn, writeOwn } from '../../platform/ownProperties.js';

export type XmlNode = { [name: string]: unknown };

export class XmlSyntaxError extends Error {}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeText(s: string): string {
  let amp = s.indexOf('&');
  if (amp < 0) return s;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    const semi = s.indexOf(';', amp);
    if (semi < 0 || semi - amp > 12) throw new XmlSyntaxError('unterminated entity reference');
    const name = s.slice(amp + 1, semi);
    let ch: string | undefined;
    if (name.startsWith('#')) {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      if (!Number.isInteger(code) || code < 1 || code > 0x10ffff) throw new XmlSyntaxError(`bad character reference &${name};`);
      ch = String.fromCodePoint(code);
    } else ch = PREDEFINED[name];
    if (ch === undefined) throw new XmlSyntaxError(`unknown entity &${name};`);
    out += s.slice(from, amp) + ch;
    from = semi + 1;
    amp = s.indexOf('&', from);
  }
  return out + s.slice(from);
}

interface Frame {
  qname: string;
  local: string;
  /** Made when the first child element arrives: most elements hold text only. */
  node: XmlNode | null;
  text: string;
  hasChildren: boolean;
}

function endTagCloses(xml: string, from: number, gt: number, qname: string): boolean {
  if (!xml.startsWith(qname, from)) return false;
  for (let k = from + qname.length; k < gt; k++) {
    const c = xml.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return true;
}

/** Says which elements of an answer to pass over unread, by their name and their parent's (readXml). */
export type SkipElement = (name: string, parent: string) => boolean;

/** What readXml passes over unread: dropped (`skip`), or kept as the text of its content (`raw`). */
export interface Unread {
  skip?: SkipElement;
  raw?: SkipElement;
}

/**
 * The document as nested objects. `repeated(name, parentName)` says which elements are always arrays;
 * any other element becomes an array only when it occurs more than once. `skip(name, parentName)`
 * names elements whose content the caller does not need: they are passed over to their end tag
 * unread (and unchecked) and appear as empty. `raw(name, parentName)` names elements passed over the
 * same way whose content the caller reads itself: each appears as the unparsed text between its tags
 * (for the caller to check, e.g. by reading it with readXml). Both only for elements that never
 * contain an element of their own name, since the end tag is found by plain search.
 */
export function readXml(xml: string, repeated: (name: string, parent: string) => boolean, unread: Unread = {}): XmlNode {
  const { skip, raw } = unread;
  const root: XmlNode = {};
  // The open elements, frames[1..depth] (frames[0] holds the root's children). A frame is reused once
  // its element has closed, so reading allocates no frame per element.
  const frames: Frame[] = [{ qname: '', local: '', node: root, text: '', hasChildren: false }];
  let depth = 0;
  // Element names repeat endlessly in a SOAP answer: each prefixed name's local part is worked out once.
  const locals = new Map<string, string>();
  const n = xml.length;
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  let roots = 0;

  const close = (frame: Frame, parent: Frame) => {
    const value = frame.hasChildren ? frame.node! : frame.text.trim();
    const siblings = (parent.node ??= {});
    const { local } = frame;
    // Plain objects (fast to fill and to read), so a name Object.prototype has is looked up as own only.
    const existing = readOwn(siblings, local);
    if (existing === undefined) writeOwn(siblings, local, repeated(local, parent.local) ? [value] : value);
    else if (Array.isArray(existing)) existing.push(value);
    else writeOwn(siblings, local, [existing, value]);
  };

  while (i < n) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      const top = frames[depth];
      if (depth === 0) {
        if (xml.slice(i, textEnd).trim() !== '') throw new XmlSyntaxError('text outside the root element');
      } else if (!top.hasChildren) top.text += decodeText(xml.slice(i, textEnd));
      // Text beside child elements (mixed content, indentation) is not kept: not even sliced.
    }
    if (lt < 0) break;
    const next = xml.charCodeAt(lt + 1);

    if (next === 47 /* / */) {
      const gt = xml.indexOf('>', lt);
      if (gt < 0) throw new XmlSyntaxError('unterminated end tag');
      // The end tag names the open element, checked in place: `</qname` then only whitespace up to `>`.
      if (depth === 0 || !endTagCloses(xml, lt + 2, gt, frames[depth].qname)) throw new XmlSyntaxError(`unexpected </${xml.slice(lt + 2, gt).trim()}>`);
      depth--;
      close(frames[depth + 1], frames[depth]);
      i = gt + 1;
      continue;
    }
    if (next === 63 /* ? */) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) throw new XmlSyntaxError('unterminated processing instruction');
      i = end + 2;
      continue;
    }
    if (next === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        if (end < 0) throw new XmlSyntaxError('unterminated comment');
        i = end + 3;
        continue;
      }
      if (xml.startsWith('<![CDATA[', lt)) {
        const end = xml.indexOf(']]>', lt + 9);
        if (end < 0 || depth === 0) throw new XmlSyntaxError('misplaced or unterminated CDATA section');
        const top = frames[depth];
        if (!top.hasChildren) top.text += xml.slice(lt + 9, end);
        i = end + 3;
        continue;
      }
      throw new XmlSyntaxError('DTDs and declarations are not allowed in SOAP messages');
    }

    // A start tag: its name runs to whitespace, '/' or '>'; past the name, its '>' is found outside
    // quoted attribute values (most tags here have none, so the name's end is the tag's end).
    let k = lt + 1;
    for (; k < n; k++) {
      const c = xml.charCodeAt(k);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47 || c === 62) break;
      if (c === 60 /* < */ || c === 34 || c === 39) throw new XmlSyntaxError(`"${xml[k]}" in an element name`);
    }
    let j = k;
    let quote = 0;
    for (; j < n; j++) {
      const c = xml.charCodeAt(j);
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) quote = c;
      else if (c === 62 /* > */) break;
      else if (c === 60 /* < */) throw new XmlSyntaxError('"<" inside a tag');
    }
    if (j >= n) throw new XmlSyntaxError('unterminated start tag');
    const qname = xml.slice(lt + 1, k);
    if (qname === '') throw new XmlSyntaxError('element without a name');
    let local = locals.get(qname);
    if (local === undefined) {
      const colon = qname.indexOf(':');
      local = colon < 0 ? qname : qname.slice(colon + 1);
      locals.set(qname, local);
    }
    const parent = frames[depth];
    if (depth === 0 && ++roots > 1) throw new XmlSyntaxError('more than one root element');
    parent.hasChildren = true;
    let frame = frames[depth + 1];
    if (frame === undefined) frames.push((frame = { qname, local, node: null, text: '', hasChildren: false }));
    else {
      frame.qname = qname;
      frame.local = local;
      frame.node = null;
      frame.text = '';
      frame.hasChildren = false;
    }
    const selfClosing = xml.charCodeAt(j - 1) === 47 /* / */;
    const skipped = !selfClosing && skip !== undefined && skip(local, parent.local);
    if (selfClosing) close(frame, parent);
    else if (skipped || (raw !== undefined && raw(local, parent.local))) {
      let gt = -1;
      let end = xml.indexOf(`</${qname}`, j + 1);
      for (; end >= 0; end = xml.indexOf(`</${qname}`, end + 2)) {
        const tagEnd = xml.indexOf('>', end);
        if (tagEnd >= 0 && xml.slice(end + 2, tagEnd).trim() === qname) {
          gt = tagEnd;
          break;
        }
      }
      if (gt < 0) throw new XmlSyntaxError(`unclosed element <${qname}>`);
      // Skipped content appears as empty; raw content as its text (trimmed as any text, not decoded).
      if (!skipped) {
        frame.text = xml.slice(j + 1, end);
        frame.hasChildren = false;
      }
      close(frame, parent);
      i = gt + 1;
      continue;
    } else depth++;
    i = j + 1;
  }
  if (depth !== 0) throw new XmlSyntaxError(`unclosed element <${frames[depth].qname}>`);
  if (roots === 0) throw new XmlSyntaxError('no root element');
  return root;
}
