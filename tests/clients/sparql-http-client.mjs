// Runs SELECT, ASK, CONSTRUCT and DESCRIBE with sparql-http-client's ParsingClient, default
// settings, against the endpoint given as argument; prints what it got as JSON
// (tests/server/test_server_clients.py compares it with the embedded store's answers).
import ParsingClient from 'sparql-http-client/ParsingClient.js'

const [endpointUrl, select, ask, construct, describe] = process.argv.slice(2)
const client = new ParsingClient({ endpointUrl })
const triples = (dataset) => [...dataset].map((q) => [q.subject.value, q.predicate.value, q.object.value]).sort()
const rows = await client.query.select(select)
const out = {
  select: rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v.value]))),
  ask: await client.query.ask(ask),
  construct: triples(await client.query.construct(construct)),
  describe: triples(await client.query.construct(describe)),
}
process.stdout.write(JSON.stringify(out))
