/**
 * The routing header of a cable: transmission id, FM line, TO and INFO addressees.
 *
 *   VZCZCXRO8374                     transmission id
 *   FM AMEMBASSY LONDON              sender
 *   TO RUEHC/SECSTATE WASHDC PRIORITY 5861
 *   INFO RUEHAK/AMEMBASSY ANKARA 0729
 *   RUEHAH/AMEMBASSY ASHGABAT 0137   continuation lines of the INFO block
 */
import type { Recipient, Sender } from './record.ts';

export interface Routing {
  transmissionId: string | null;
  sender: Sender | null;
  to: Recipient[];
  info: Recipient[];
}

const TRANSMISSION_ID = /\b(VZCZC[A-Z]*\d+)/;
const PRECEDENCE = /\s+((?:NIACT\s+)?IMMEDIATE|PRIORITY|ROUTINE|FLASH|NIACT)$/;
const MCN = /\s+(\d{3,5})$/;
const ROUTE_PREFIX = /^([A-Z]{4,8})\s*\/\s*(.*)$/;
/** A page break repeated inside the header (`PAGE 02        STATE   015113  182333Z`). */
const PAGE_BREAK = /^PAGE\s+\d+\s+[A-Z]+\s+\d+\s+\d+Z\s*/;
/** Lines after which no more addressees follow. */
const HEADER_END =
  /^(?:BT\b|ZEN\b|E\.?\s?O\.?\s|TAGS\b|SUBJECT\b|SUBJ\b|NNNN|SIPDIS\b|UNCLAS|CONFIDENTIAL\b|SECRET\b|LIMITED OFFICIAL USE|SENSITIVE\b|C O N F|S E C R E T|U N C L A S|\S+\s+\d+\s+OF\s+\d+)/;
/** Lines of old-style headers that are not addressees (distribution codes, DTGs, control numbers). */
const NOT_AN_ADDRESSEE = [
  /^(?:[A-Z]{1,6}-\d{2,3}\s*)+(?:\/\d{3}W)?$/, // LOG-00 NP-00 AID-00 … /015W
  /^\/\d{3}W$/,
  /^-{3,}/, // ------------------FAC8ED 191454Z /38
  /^\d{6}Z\b/,
  /^[A-Z]{3}\d{4,}$/, // PTQ8210
  /^\d+(?:\s+OF\s+\d+)?$/,
  /^ACTION\s+[A-Z]+-\d{2}/,
  /^[OPRZ](?:\s+[OPRZ])*\s+\d{6}Z/, // a date-time group
  /^[a-z]+:/, // `date: 4/11/2002`, `refid: …` of a pasted metadata dump
];
/** Text glued to the last addressee: a banner (`ROMEUNCLAS SECTION 01…`) or a date (`NAIROBIWednesday, 29 November 2000`). */
const GLUED_TAIL = /(?:(?<=[A-Z])(?:UNCLAS|CONFIDENTIAL|SECRET|C O N F I D E N T I A L|S E C R E T)(?=\s|$)|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+\d).*$/;
/** A pasted dump after an addressee: `… NEW YORK 009275837 2006-08-23 08:46:00 06BERN1553 …`. */
const DUMP_TAIL = /\s+\d{6,}\s+\d{4}-\d{2}-\d{2}\b.*$/;
/** Routing indicators that name a network, not an addressee. */
const NETWORK_ROUTES = new Set(['RHMFISS', 'RHMFIUU']);

export function parseRouting(header: string): Routing {
  const idMatch = TRANSMISSION_ID.exec(header);
  const lines = header.split(/\r?\n/);
  // Old-style headers put an internal distribution list (`INFO LOG-00 NP-00 …`) before the
  // FM line: when there is an FM line, addressee blocks only count after it.
  const hasFm = lines.some((l) => /^\s*FM\s+\S/.test(l));
  let sender: Sender | null = null;
  const to: Recipient[] = [];
  const info: Recipient[] = [];
  let current: Recipient[] | null = null;
  let excluding = false;
  for (const rawLine of lines) {
    let line = rawLine.replace(/\s+/g, ' ').trim();
    if (line === '') continue;
    const fm = /^FM\s+(.+)$/.exec(line);
    if (fm && sender === null) {
      sender = senderFrom(fm[1]!);
      current = null;
      continue;
    }
    const section = /^(TO|INFO)(?:\s+|$)(.*)$/.exec(line);
    if (section && hasFm && sender === null) continue;
    if (section) {
      current = section[1] === 'TO' ? to : info;
      excluding = false;
      line = section[2]!;
    } else if (current === null) {
      continue;
    } else if (HEADER_END.test(line)) {
      current = null;
      continue;
    }
    line = line.replace(PAGE_BREAK, '').replace(DUMP_TAIL, '').replace(GLUED_TAIL, '').trim();
    if (line === '' || /^PAGE\s+\d+/.test(line)) continue;
    if (NOT_AN_ADDRESSEE.some((p) => p.test(line))) continue;
    const xmt = /^XMT\b\s*\/?\s*(.*)$/.exec(line);
    if (xmt) {
      excluding = true;
      line = xmt[1]!;
      if (line === '') continue;
    }
    const recipient = recipientFrom(line);
    if (recipient === null) continue;
    if (recipient.route !== null && !xmt) excluding = false;
    recipient.excluded = excluding;
    current!.push(recipient);
  }
  // The FM line rarely carries a route; the DE line names the originating station's.
  const de = /^DE\s+(R[A-Z]{3,6})\b/m.exec(header);
  if (sender && sender.route === null && de) sender = { route: de[1]!, name: sender.name };
  return { transmissionId: idMatch ? idMatch[1]! : null, sender, to, info };
}

function senderFrom(text: string): Sender {
  const r = recipientFrom(text);
  return r ? { route: r.route, name: r.name } : { route: null, name: text.trim() };
}

/** One addressee line: `[ROUTE/]NAME [PRECEDENCE] [MCN]`. */
export function recipientFrom(text: string): Recipient | null {
  let rest = text.replace(/\s+/g, ' ').trim();
  let route: string | null = null;
  const routed = ROUTE_PREFIX.exec(rest);
  if (routed) {
    route = routed[1]!;
    rest = routed[2]!.trim();
  }
  let mcn: string | null = null;
  let precedence: string | null = null;
  const mcnMatch = MCN.exec(rest);
  if (mcnMatch) {
    mcn = mcnMatch[1]!;
    rest = rest.slice(0, mcnMatch.index);
  }
  const precMatch = PRECEDENCE.exec(rest);
  if (precMatch) {
    precedence = precMatch[1]!.replace(/\s+/g, ' ');
    rest = rest.slice(0, precMatch.index);
  }
  if (mcn === null && precedence !== null) {
    // `NAME 1234 PRIORITY` order also occurs
    const late = MCN.exec(rest);
    if (late) {
      mcn = late[1]!;
      rest = rest.slice(0, late.index);
    }
  }
  const name = rest.trim();
  if (name === '' && route === null) return null;
  if (route !== null && NETWORK_ROUTES.has(route) && name === '') return null;
  return { route, name, precedence, mcn, excluded: false };
}
