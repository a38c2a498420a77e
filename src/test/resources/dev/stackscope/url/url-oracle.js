// Differential-test oracle: reads JSON strings (one per line) on stdin, writes for each one JSON
// line with Node's WHATWG URL (ada) view of it: {ok, href, host, pathname, search, hash}.
const readline = require('readline');
const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
const out = [];
rl.on('line', (line) => {
  const [input, base] = JSON.parse(line);
  try {
    const u = base === null ? new URL(input) : new URL(input, base);
    out.push(JSON.stringify({ ok: true, href: u.href, host: u.host, pathname: u.pathname,
      search: u.search, hash: u.hash }));
  } catch (e) {
    out.push(JSON.stringify({ ok: false }));
  }
});
rl.on('close', () => process.stdout.write(out.join('\n') + '\n'));
