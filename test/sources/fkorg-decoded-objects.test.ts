// FK ORG objects decoded once per content (sources/fkorg/decodedObjects.ts): the same bytes decode
// once and are shared frozen; other bytes, another kind of decoding, or an object with a class
// Klassifikation could not name are decoded again; at most `capacity` kept, the recently used kept
// longest. Through the client: every call still reaches FK ORG, a changed unit is answered changed,
// and an object that is not well-formed XML is a SourceProtocolError.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecodedObjects } from '../../sources/fkorg/decodedObjects.js';
import { FkOrgSoapClient } from '../../sources/fkorg/FkOrgSoapClient.js';
import type { MappingContext } from '../../sources/fkorg/mapping.js';
import { startFkOrgSimulator, type FkOrgSimulator } from '../../sources/fkorg/simulator.js';
import { text, type XmlNode } from '../../sources/fkorg/xml.js';
import { SourceProtocolError } from '../../sources/errors.js';
import { sampleMunicipality } from '../support/stack.js';

const context = (): MappingContext => ({ classes: () => undefined, addressRoles: () => undefined, unknown: new Set() });

/** A decoder that counts its calls and reads <Navn>, naming <Klasse> as unknown when it has one. */
function countingDecoder() {
  const seen: string[] = [];
  const decode = (obj: XmlNode, _path: string, ctx: MappingContext) => {
    seen.push(text(obj, 'Navn') ?? '');
    const klasse = text(obj, 'Klasse');
    if (klasse) ctx.unknown.add(klasse);
    return { name: text(obj, 'Navn'), parts: [{ n: 1 }] };
  };
  return { decode, seen };
}

describe('DecodedObjects', () => {
  it('decodes the same content once and shares it frozen; other content or another kind is decoded anew', () => {
    const objects = new DecodedObjects(100);
    const { decode, seen } = countingDecoder();
    const a = objects.decode('units', '<Navn>A</Navn>', 'p', context(), decode);
    const again = objects.decode('units', '<Navn>A</Navn>', 'p', context(), decode);
    expect(again).toBe(a);
    expect(Object.isFrozen(a) && Object.isFrozen(a!.parts) && Object.isFrozen(a!.parts[0])).toBe(true);
    expect(() => {
      (a as { name: string }).name = 'changed';
    }).toThrow(TypeError);
    expect(objects.decode('units', '<Navn>B</Navn>', 'p', context(), decode)?.name).toBe('B');
    expect(objects.decode('cores', '<Navn>A</Navn>', 'p', context(), decode)?.name).toBe('A');
    expect(seen).toEqual(['A', 'B', 'A']);
  });

  it('keeps nothing whose decoding met an unknown class, and passes the class on to the caller', () => {
    const objects = new DecodedObjects(100);
    const { decode, seen } = countingDecoder();
    const content = '<Navn>A</Navn><Klasse>k-1</Klasse>';
    const first = context();
    objects.decode('units', content, 'p', first, decode);
    const second = context();
    objects.decode('units', content, 'p', second, decode);
    expect(seen).toEqual(['A', 'A']);
    expect([...first.unknown, ...second.unknown]).toEqual(['k-1', 'k-1']);
    expect(objects.size).toBe(0);
  });

  it('keeps at most its capacity, the recently used longest; capacity 0 keeps nothing', () => {
    const objects = new DecodedObjects(10);
    const { decode, seen } = countingDecoder();
    const read = (n: number) => objects.decode('units', `<Navn>${n}</Navn>`, 'p', context(), decode);
    for (let n = 0; n < 100; n++) {
      read(n);
      read(0); // used all along
      expect(objects.size).toBeLessThanOrEqual(10);
    }
    expect(seen.filter((s) => s === '0')).toHaveLength(1);
    seen.length = 0;
    read(1);
    expect(seen).toEqual(['1']);

    const none = new DecodedObjects(0);
    const counted = countingDecoder();
    none.decode('units', '<Navn>A</Navn>', 'p', context(), counted.decode);
    none.decode('units', '<Navn>A</Navn>', 'p', context(), counted.decode);
    expect(counted.seen).toEqual(['A', 'A']);
    expect(none.size).toBe(0);
  });
});

describe('the client with decoded objects kept', () => {
  const municipality = sampleMunicipality(60);
  const unit = municipality.org.units[3];
  const renamed = structuredClone(municipality.org);
  const version = renamed.units[3].versions.at(-1)!;
  version.name = `${version.name} (omdøbt)`;

  let before: FkOrgSimulator;
  let after: FkOrgSimulator;
  let proxy: Server;
  let target: () => string;
  let rewrite: (xml: string) => string = (xml) => xml;
  let client: FkOrgSoapClient;
  let proxied = 0;

  beforeAll(async () => {
    before = await startFkOrgSimulator({ snapshot: municipality.org });
    after = await startFkOrgSimulator({ snapshot: renamed });
    target = () => before.url;
    // Forwards each SOAP call to the simulator of the moment, the answer rewritten as a test says.
    proxy = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      proxied++;
      const answer = await fetch(`${target()}${req.url}`, { method: 'POST', headers: { 'content-type': req.headers['content-type']! }, body: Buffer.concat(chunks) });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/soap+xml' });
      res.end(rewrite(await answer.text()));
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    client = new FkOrgSoapClient({ baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` });
  });
  afterAll(async () => {
    await client.close();
    await new Promise((resolve) => proxy.close(resolve));
    await Promise.all([before.close(), after.close()]);
  });

  it('reads FK ORG on every call, and answers a changed unit changed', async () => {
    const first = (await client.unitCores([unit.id])).get(unit.id)!;
    const calls = proxied;
    const second = (await client.unitCores([unit.id])).get(unit.id)!;
    expect(proxied).toBe(calls + 1);
    expect(second).toBe(first);
    target = () => after.url;
    try {
      const third = (await client.unitCores([unit.id])).get(unit.id)!;
      expect(third.versions.at(-1)!.name).toBe(version.name);
      expect(first.versions.at(-1)!.name).toBe(unit.versions.at(-1)!.name);
    } finally {
      target = () => before.url;
    }
  });

  it('refuses an object that is not well-formed XML with a SourceProtocolError, and reads it right once it is', async () => {
    const other = municipality.org.units[4];
    rewrite = (xml) => xml.replace(/(<[\w-]+:EnhedNavn>)/, '$1<broken>');
    try {
      await expect(client.unitCores([other.id])).rejects.toThrow(SourceProtocolError);
      await expect(client.unitCores([other.id])).rejects.toThrow(/not well-formed/);
    } finally {
      rewrite = (xml) => xml;
    }
    expect((await client.unitCores([other.id])).get(other.id)?.id).toBe(other.id);
  });
});
