// The playground's browser tests: a release build (dist/) served on 127.0.0.1, driven in
// Debian's Chromium with playwright-core. Usage: node tests/browser/run.mjs [dist]
// Prints one line per test and "N passed, M failed"; exits 1 on any failure. Writes a
// screenshot for the report to target/browser/.
import fs from 'node:fs';
import path from 'node:path';
import { CSP, expectation, launch, serve } from './lib.mjs';

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const dist = path.resolve(process.argv[2] ?? path.join(repo, 'dist'));
const shots = path.join(repo, 'target/browser');
fs.mkdirSync(shots, { recursive: true });

const server = await serve(dist);
const context = await launch();
const results = [];

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

async function test(name, body) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // Every page's worker starts from the snapshot the build ships (dist/prelude.snapshot); it
  // warns when it cannot and loads the prelude itself.
  page.on('console', (m) => {
    if (m.text().includes('loading the prelude instead')) errors.push(m.text());
  });
  const t0 = Date.now();
  try {
    await body(page);
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
    results.push({ name, ok: true });
    console.log(`ok    ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`FAIL  ${name}: ${e.message}`);
    await page.screenshot({ path: path.join(shots, `fail-${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
  }
  await page.close();
}

const testid = (id) => `[data-testid="${id}"]`;

/** Stack traces cut to their top-level frame (`runtime::top_level_frames_only`). */
function topLevelFramesOnly(text) {
  const out = [];
  const lines = text.split('\n');
  let inTrace = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === 'Stacktrace:') {
      inTrace = true;
      out.push(line);
      continue;
    }
    const frame = /^\s*\[\d+\] /.test(line);
    if (inTrace && frame) {
      const location = lines[i + 1]?.trimStart().startsWith('@ ') ? lines[++i] : null;
      if (line.endsWith('] top-level scope')) {
        out.push(' [1] top-level scope');
        if (location !== null) out.push('   ' + location.trimStart());
      }
      continue;
    }
    inTrace = inTrace && frame;
    out.push(line);
  }
  return out.join('\n');
}

/** Opens the playground (optionally with a fragment) and waits for the worker. */
async function open(page, fragment = '') {
  await page.goto(server.url + fragment);
  await settled(page);
}

/** Waits until the worker is ready and no run is in flight (the page runs its program at load). */
async function settled(page) {
  await page.waitForFunction(() => {
    const worker = document.querySelector('[data-testid="worker-status"]')?.dataset.state;
    const run = document.querySelector('[data-testid="output"] [data-status]')?.dataset.status;
    return worker === 'ready' && run !== 'running' && run !== 'starting';
  }, null, { timeout: 60_000 });
}

/** Replaces the editor's text by typing (as a user would). */
async function typeProgram(page, text) {
  await page.click(`${testid('editor')} .cm-content`);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  // CodeMirror auto-indents after a newline; type line by line from column 0.
  for (const [i, line] of text.split('\n').entries()) {
    if (i > 0) {
      await page.keyboard.press('Enter');
      await page.keyboard.press('Shift+Home');
      await page.keyboard.press('Delete');
    }
    await page.keyboard.insertText(line);
  }
}

async function editorText(page) {
  return page.$eval(`${testid('editor')} .cm-content`, (el) => el.cmView?.view?.state.doc.toString() ??
    [...el.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\n'));
}

/** Runs and waits for the run to finish; returns the output pane's pieces. */
async function runAndRead(page, trigger = async () => page.click(testid('run'))) {
  await trigger();
  await page.waitForSelector(`${testid('output')} [data-status="running"]`, { timeout: 5_000 }).catch(() => {});
  await settled(page);
  return readOutput(page);
}

async function readOutput(page) {
  const text = async (id) => (await page.$(testid(id))) ? page.$eval(testid(id), (el) => el.textContent) : '';
  return { stdout: await text('stdout'), stderr: await text('stderr'), result: await text('result'), all: await text('output') };
}

async function openPane(page, id) {
  const toggle = await page.$(testid(`pane-toggle-${id}`));
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
}

await test('loads, types a program, runs it with Ctrl+Enter, reads the output', async (page) => {
  await open(page);
  assert(await page.isVisible(testid('editor')), 'no editor');
  await typeProgram(page, 'sq(x) = x * x\nprintln("sq: ", sq(12))\nsq(1.5)');
  const out = await runAndRead(page, () => page.keyboard.press('Control+Enter'));
  assert(out.stdout === 'sq: 144\n', `stdout ${JSON.stringify(out.stdout)}`);
  assert(out.result === '2.25', `result ${JSON.stringify(out.result)}`);
  const timings = await page.$eval(testid('timings'), (el) => el.textContent);
  for (const stage of ['parse', 'lower', 'infer', 'optimize', 'codegen', 'instantiate', 'run']) {
    assert(timings.includes(stage), `no ${stage} timing in ${timings}`);
  }
});

await test('an error is printed as Julia does and marked on the source', async (page) => {
  await open(page);
  await typeProgram(page, 'println("before")\nx = 1 ÷ 0');
  const out = await runAndRead(page);
  assert(out.stdout === 'before\n', `stdout ${JSON.stringify(out.stdout)}`);
  assert(out.stderr.startsWith('ERROR: DivideError: integer division error\nStacktrace:\n [1] div(x::Int64, y::Int64)\n')
    && out.stderr.endsWith(' top-level scope\n   @ main.jl:2\n'), `stderr ${JSON.stringify(out.stderr)}`);
  const diagnostics = await page.$eval(testid('diagnostics'), (el) => el.textContent);
  assert(diagnostics.includes('2:') && diagnostics.includes('DivideError'), `diagnostics ${diagnostics}`);
  await page.waitForSelector(`${testid('editor')} .cm-lintRange-error`, { timeout: 5_000 });
});

const examples = fs.readdirSync(path.join(repo, 'static/examples')).filter((f) => f.endsWith('.jl')).sort();
await test(`every example runs and prints its expected output (${examples.length})`, async (page) => {
  await open(page);
  for (const file of examples) {
    const want = expectation(path.join(repo, 'static/examples', file));
    const id = file.replace(/\.jl$/, '');
    const out = await runAndRead(page, () => page.selectOption(testid('examples'), id));
    const text = await editorText(page);
    assert(text.trimEnd() === want.program.trimEnd(), `${file}: the editor does not hold the example`);
    assert(out.stdout === want.stdout, `${file}: stdout ${JSON.stringify(out.stdout)} != ${JSON.stringify(want.stdout)}`);
    assert(out.stderr === want.stderr.replaceAll(`${file}:`, 'main.jl:'), `${file}: stderr ${JSON.stringify(out.stderr)}`);
  }
});

await test('the invoke example: `invoke` before the optimizer, a direct call after; passes; wat', async (page) => {
  await open(page);
  await runAndRead(page, () => page.selectOption(testid('examples'), 'invoke_codeinstance'));
  await openPane(page, 'ir');
  const label = await page.$$eval(`${testid('ci-picker')} option`, (os) =>
    os.find((o) => o.textContent.startsWith('ring(::Float64)'))?.value);
  assert(label !== undefined, 'ring(::Float64) is not in the picker');
  // The picker opens on the user's own code: the method the program defined last that ran.
  const opened = await page.$eval(testid('ci-picker'), (s) => s.selectedOptions[0]?.textContent ?? '');
  assert(opened.startsWith('ring(::Float64)'), `the picker opened on ${opened}`);
  await page.selectOption(testid('ci-picker'), label);
  await page.waitForFunction(() => document.querySelector('[data-testid="ir-after"]')?.textContent.includes('invoke area('), null, { timeout: 10_000 });
  const before = await page.$eval(testid('ir-before'), (el) => el.textContent);
  const after = await page.$eval(testid('ir-after'), (el) => el.textContent);
  assert(before.includes('Main.invoke::Core.Const(invoke)'), `before: ${before}`);
  assert(before.includes('Core.Const(CodeInstance for MethodInstance for area(::Float64))'), `before: ${before}`);
  assert(after.includes('invoke area(r::Float64)::Float64') && !after.includes('Core.invoke'), `after: ${after}`);
  assert(await page.$(`${testid('ir-after')} .added, ${testid('ir-after')} [class*="add"]`), 'no changed line is highlighted');

  await openPane(page, 'pipeline');
  const passes = await page.$$eval(`${testid('pass-list')} li`, (ls) => ls.map((l) => l.textContent));
  assert(passes.length === 9 && passes[0].includes('resolve_invokes') && passes[5].includes('tailrec') && passes[8].includes('compact'), `passes: ${passes}`);
  await page.focus(testid('pass-list'));
  await page.keyboard.press('Home').catch(() => {});
  const selected = async () => page.$eval(`${testid('pass-list')} [aria-selected="true"]`, (l) => l.textContent);
  const first = await selected();
  await page.keyboard.press('ArrowDown');
  const second = await selected();
  assert(first !== second, `ArrowDown did not move the selection (${first})`);

  await openPane(page, 'wat');
  const wat = await page.$eval(testid('wat'), (el) => el.textContent);
  assert(wat.startsWith('(module') && wat.includes('call_indirect'), `wat: ${wat.slice(0, 200)}`);
});

await test('the Warntype pane marks a variable of a small union as Julia does', async (page) => {
  await open(page);
  await runAndRead(page, () => page.selectOption(testid('examples'), 'type_unstable'));
  await openPane(page, 'warntype');
  await page.waitForFunction(() => document.querySelector('[data-testid="warntype"]')?.textContent.startsWith('MethodInstance for'), null, { timeout: 10_000 });
  const text = await page.$eval(testid('warntype'), (el) => el.textContent);
  // The picker opened on `halves`, the method defined last: its `acc` is an Int64 or a Float64.
  assert(text.startsWith('MethodInstance for halves(::Int64)\n  from halves(n) @ Main main.jl:'), `warntype: ${text}`);
  assert(text.includes('\nLocals\n  acc::Union{Float64, Int64}\n') && text.includes('\nBody::Union{Float64, Int64}\n'), `warntype: ${text}`);
  const unions = await page.$$eval(`${testid('warntype')} .wt-union`, (es) => es.map((e) => e.textContent));
  assert(unions.includes('::Union{Float64, Int64}'), `yellow: ${unions}`);
  const ok = await page.$$eval(`${testid('warntype')} .wt-ok`, (es) => es.map((e) => e.textContent));
  assert(ok.includes('::Int64') && ok.includes('::Float64'), `cyan: ${ok}`);
  const colour = await page.$eval(`${testid('warntype')} .wt-union`, (e) => getComputedStyle(e).fontWeight);
  assert(Number(colour) >= 600, `a union is bold: ${colour}`);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: path.join(shots, 'warntype.png') });
});

/** The line of an IR pane whose text contains `needle`. */
function irLine(page, pane, needle) {
  return page.locator(`${testid(pane)} .line`, { hasText: needle }).first();
}

await test('source ↔ IR: an inlined statement shows its source and its chain; selected lines mark their statements', async (page) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await open(page);
  await typeProgram(page, 'f(x) = x * 3\ng(x) = f(x) + 1\nprintln(g(2))');
  const out = await runAndRead(page);
  assert(out.stdout === '7\n', `stdout ${JSON.stringify(out.stdout)}`);
  await openPane(page, 'ir');
  await page.waitForFunction(() => document.querySelector('[data-testid="ir-after"]')?.textContent.includes('mul_int'), null, { timeout: 10_000 });
  // Pointing at the multiplication inlined from f (inlined from `*`) highlights where it came
  // from in g and in f, and names the chain, innermost first.
  await irLine(page, 'ir-after', 'mul_int').hover();
  await page.waitForSelector('.cm-ir-source', { timeout: 5_000 });
  const marked = await page.$$eval('.cm-ir-source', (es) => es.map((e) => e.textContent));
  assert(marked.includes('x * 3') && marked.some((m) => m.startsWith('f(x)')), `highlighted: ${JSON.stringify(marked)}`);
  const origin = await page.$eval(testid('ir-after-origin'), (el) => el.textContent);
  assert(origin.includes('inlined into `f` at line 1, inlined into `g` at line 2'), `origin: ${origin}`);
  // g's own `return` has no chain.
  await irLine(page, 'ir-after', 'return').hover();
  const own = await page.$eval(testid('ir-after-origin'), (el) => el.textContent);
  assert(own.startsWith('`g` at line 2') && !own.includes('inlined'), `origin: ${own}`);
  await page.screenshot({ path: path.join(shots, 'source-ir.png') });
  // Selecting line 1 in the editor marks the statements inlined from it, and only those.
  await page.mouse.move(0, 0);
  await page.click(`${testid('editor')} .cm-content`);
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Shift+End');
  await page.waitForSelector(`${testid('ir-after')} .line.from-selection`, { timeout: 5_000 });
  const selected = await page.$$eval(`${testid('ir-after')} .line.from-selection`, (es) => es.map((e) => e.textContent));
  assert(selected.length === 1 && selected[0].includes('mul_int'), `marked: ${JSON.stringify(selected)}`);
});

await test('descend into a callee and back (mouse, keyboard, link); remarks on calls; a dynamic call lists its methods', async (page) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await open(page);
  await typeProgram(page, '@noinline sq(x) = x * x\n@noinline k(v) = sq(v[1])\nh(x) = sq(x) + k(Any[x])\nprintln(h(3))');
  const out = await runAndRead(page);
  assert(out.stdout === '18\n', `stdout ${JSON.stringify(out.stdout)}`);
  await openPane(page, 'ir');
  await page.waitForFunction(() => document.querySelector('[data-testid="ir-after"]')?.textContent.includes('invoke sq('), null, { timeout: 10_000 });
  // The @noinline call carries its remark beside the line (not in the text).
  const call = irLine(page, 'ir-after', 'invoke sq(');
  const remark = await call.getAttribute('data-remark');
  assert(remark === 'sq(::Int64) not inlined: @noinline', `remark: ${remark}`);
  const shown = await call.evaluate((el) => getComputedStyle(el, '::after').content);
  assert(shown.includes('@noinline'), `the remark is drawn: ${shown}`);
  assert(!(await page.$eval(testid('ir-after'), (el) => el.textContent)).includes('not inlined'), 'remarks stay out of the text');
  await page.screenshot({ path: path.join(shots, 'remarks.png') });
  // Click: into sq; the trail leads back.
  await call.click();
  await page.waitForFunction(() => document.querySelector('[data-testid="ir-after"]')?.textContent.includes('mul_int(x, x)'), null, { timeout: 10_000 });
  const trail = await page.$eval(testid('trail'), (el) => el.textContent);
  assert(trail.includes('h(::Int64)') && trail.includes('sq(::Int64)'), `trail: ${trail}`);
  // The link keeps the CodeInstance and the trail.
  await page.waitForTimeout(600);
  const link = page.url();
  const other = await context.newPage();
  await other.goto(link);
  await other.waitForFunction(() => document.querySelector('[data-testid="trail"]')?.textContent.includes('h(::Int64)'), null, { timeout: 20_000 });
  assert((await other.$eval(testid('ir-after'), (el) => el.textContent)).includes('mul_int(x, x)'), 'the link opened on sq');
  await other.close();
  // Backspace goes back; the keyboard cursor moves over statements and Enter descends.
  await page.focus(testid('ir-after'));
  await page.keyboard.press('Backspace');
  await page.waitForFunction(() => !document.querySelector('[data-testid="trail"]') && document.querySelector('[data-testid="ir-after"]')?.textContent.includes('invoke sq('), null, { timeout: 10_000 });
  await page.focus(testid('ir-after'));
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('ArrowDown');
    const at = await page.$eval(`${testid('ir-after')} .line.cursor`, (el) => el.textContent).catch(() => '');
    if (at.includes('invoke sq(')) break;
  }
  await page.keyboard.press('Enter');
  await page.waitForSelector(testid('trail'), { timeout: 10_000 });
  await page.click(`${testid('trail')} button.back`);
  await page.waitForFunction(() => !document.querySelector('[data-testid="trail"]'), null, { timeout: 10_000 });
  // k's call of sq is dynamic (its argument is Any): it lists the method that may match, with
  // its CodeInstances.
  await page.selectOption(testid('ci-picker'), { label: 'k(::Vector{Any})' });
  await page.waitForFunction(() => document.querySelector('[data-testid="ir-after"]')?.textContent.includes('dynamic'), null, { timeout: 10_000 });
  const dynamic = irLine(page, 'ir-after', 'dynamic');
  assert((await dynamic.getAttribute('data-remark')).startsWith('dynamic call of sq: argument 1 is Any (from %'), 'dynamic remark');
  await dynamic.click();
  const list = await page.waitForSelector(testid('ir-after-candidates'), { timeout: 5_000 });
  const text = await list.textContent();
  assert(text.includes('sq(x) @ Main main.jl:1') && text.includes('sq(::Any)'), `candidates: ${text}`);
  await page.click(`${testid('ir-after-candidates')} button.link:has-text("sq(::Any)")`);
  await page.waitForFunction(() => document.querySelector('[data-testid="trail"]')?.textContent.includes('k(::Vector{Any})'), null, { timeout: 10_000 });
});

await test("a redefinition's invalidation tree", async (page) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await open(page);
  await typeProgram(page, 'f(x::Real) = x + 1\n@noinline g(x) = f(x) * 2\nprintln(g(1))\nf(x::Int64) = x - 1\nprintln(g(1))');
  const out = await runAndRead(page);
  assert(out.stdout === '4\n0\n', `stdout ${JSON.stringify(out.stdout)}`);
  await openPane(page, 'invalidations');
  const tree = page.locator(testid('inv-tree')).first();
  const head = await tree.locator('.inv-head').textContent();
  assert(head.includes('inserting f(x::Int64) @ Main main.jl:4'), `definition: ${head}`);
  const world = Number(await tree.getAttribute('data-world'));
  const root = await tree.locator('.inv-root[data-kind="backedges"] .inv-root-label').textContent();
  assert(root.includes('superseding f(x::Real) @ Main main.jl:1 with MethodInstance for f(::Int64)'), `root: ${root}`);
  const caller = tree.locator('.inv-node[data-depth="0"]', { hasText: 'MethodInstance for g(::Int64)' });
  assert(await caller.count() === 1, `no caller node: ${await tree.textContent()}`);
  const capped = await caller.locator(testid('inv-capped')).textContent();
  assert(capped === `capped at world ${world - 1}`, `capped: ${capped} (definition in world ${world})`);
  // The node selects its CodeInstance; the cache table draws that CodeInstance's range capped.
  await caller.click();
  await openPane(page, 'cache');
  const ci = await caller.getAttribute('data-ci');
  const row = page.locator(`${testid('cache-table')} tr[data-ci="${ci}"]`);
  assert((await row.getAttribute('aria-selected')) === 'true', 'the node selected its row');
  assert(await row.locator('.world-bar.capped').count() === 1, 'the capped range is drawn capped');
  const successor = page.locator(`${testid('cache-table')} tr`, { hasText: 'g(::Int64)' }).locator('.world-bar.open');
  assert(await successor.count() === 1, 'the re-inferred g(::Int64) is drawn open-ended');
  await page.locator('.pane-invalidations').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(shots, 'invalidations.png') });
});

await test('the cache table: drop native code, the next run cures it', async (page) => {
  await open(page);
  await typeProgram(page, '@noinline sq(x) = x * x\nprintln(sq(7))');
  await runAndRead(page);
  await openPane(page, 'cache');
  const row = page.locator(`${testid('cache-table')} tr`, { hasText: 'sq(::Int64)' });
  const native = async () => row.textContent();
  const until = async (want) => {
    for (let i = 0; i < 100 && (await native()).includes('yes') !== want; i++) await page.waitForTimeout(100);
    assert((await native()).includes('yes') === want, `native should be ${want}: ${await native()}`);
  };
  await until(true);
  await row.locator(testid('drop-native')).click();
  await until(false);
  assert(await page.isVisible(testid('keep-session-hint')), 'no hint that the next run keeps the session');
  const out = await runAndRead(page);
  assert(out.stdout === '49\n', `stdout ${out.stdout}`);
  await until(true);
});

await test('share: the link restores the program and the panes', async (page) => {
  await open(page);
  await typeProgram(page, 'greet(n) = "hello, $n! ∀x"\nprintln(greet("link"))');
  await openPane(page, 'wat');
  await page.waitForFunction(() => location.hash.startsWith('#v1.'), null, { timeout: 5_000 });
  await page.waitForTimeout(600); // the fragment is updated after a short debounce
  const link = page.url();
  const other = await context.newPage();
  await open(other, link.slice(link.indexOf('#')));
  const restored = await editorText(other);
  assert(restored === 'greet(n) = "hello, $n! ∀x"\nprintln(greet("link"))', `restored ${JSON.stringify(restored)}`);
  assert((await other.getAttribute(testid('pane-toggle-wat'), 'aria-pressed')) === 'true', 'the wat pane is not open');
  await other.close();
});

await test('a malformed link shows a message and keeps the last draft', async (page) => {
  await open(page);
  await typeProgram(page, 'println("my draft")');
  await page.waitForTimeout(600);
  await page.goto(server.url + '#v1.not-a-valid-link!!');
  await page.reload();
  await page.waitForSelector(testid('notice'), { timeout: 10_000 });
  const notice = await page.$eval(testid('notice'), (el) => el.textContent);
  assert(/link/i.test(notice), `notice: ${notice}`);
  assert((await editorText(page)) === 'println("my draft")', `draft lost: ${await editorText(page)}`);
  await page.goto(server.url + '#v9.abc');
  await page.reload();
  await page.waitForSelector(testid('notice'), { timeout: 10_000 });
});

await test('an infinite loop: the page stays responsive, Stop ends it, the next run works', async (page) => {
  await open(page);
  // Slow steps (each allocates a string through the host), so the step budget is far away;
  // the global keeps the optimizer from removing the work (it would leave `while true end`,
  // which the budget ends within a second, before Stop is clicked).
  await typeProgram(page, 'function spin()\ns = ""\nwhile true\ns = string(length(s))\nglobal last = s\nend\nend\nspin()');
  await page.click(testid('run'));
  await page.waitForSelector(`${testid('worker-status')}[data-state="running"]`);
  // The page answers while the worker spins: typing lands in the editor at once.
  const t0 = Date.now();
  await page.click(`${testid('editor')} .cm-content`);
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText('\n# still responsive');
  assert((await editorText(page)).endsWith('# still responsive'), 'typing did not land');
  assert(Date.now() - t0 < 2_000, `the page took ${Date.now() - t0} ms to respond`);
  await page.click(testid('stop'));
  await page.waitForFunction(() => document.querySelector('[data-testid="output"]')?.textContent.includes('Stopped'), null, { timeout: 5_000 });
  await settled(page);
  await typeProgram(page, 'println(6 * 7)');
  const out = await runAndRead(page);
  assert(out.stdout === '42\n', `after stop: ${out.stdout}`);
  // Let the debounced draft save this short program: the next pages of this browser run their
  // draft at load, and the infinite loop left as the draft would keep their worker busy.
  await page.waitForTimeout(600);
});

await test('the step budget stops a runaway loop by itself', async (page) => {
  await open(page);
  await typeProgram(page, 'function spin()\n    n = 0\n    while true\n        n += 1\n    end\nend\nspin()');
  const out = await runAndRead(page);
  assert(out.stderr.startsWith('ERROR: '), `stderr ${out.stderr}`);
});

await test('output streams while the program runs, and ends as the whole text', async (page) => {
  await open(page);
  // Twenty lines with about 0.1 s of work between them, so the run takes a second or two.
  const n = 8_000_000;
  await typeProgram(page, [
    'function work(n, i)', 's = 0', 'for k in 1:n', 's += (k & 7) + i', 'end', 's', 'end',
    `for i in 1:20`, `println("step ", i, " ", work(${n}, i))`, 'end', 'print("done")',
  ].join('\n'));
  const lines = [];
  for (let i = 1; i <= 20; i++) lines.push(`step ${i} ${(n / 8) * 28 + n * i}\n`);
  const want = lines.join('') + 'done';
  await page.click(testid('run'));
  // Seen while the run is still going: the first line, and the status still "running".
  const early = await page.waitForFunction(() => {
    const stdout = document.querySelector('[data-testid="stdout"]')?.textContent ?? '';
    const run = document.querySelector('[data-testid="output"] [data-status]')?.dataset.status;
    return run === 'running' && stdout.startsWith('step 1 ') ? stdout : null;
  }, null, { timeout: 30_000, polling: 20 }).then((h) => h.jsonValue());
  assert(early.length < want.length, `all the output came at once: ${JSON.stringify(early)}`);
  await settled(page);
  const out = await readOutput(page);
  assert(out.stdout === want, `stdout ${JSON.stringify(out.stdout)} != ${JSON.stringify(want)}`);
  assert(out.stderr === '', `stderr ${JSON.stringify(out.stderr)}`);
});

await test('streamed output: errors come after it, Stop keeps it, a flood is capped', async (page) => {
  await open(page);
  await typeProgram(page, 'for i in 1:3\nprintln(i)\nend\nerror("late")');
  let out = await runAndRead(page);
  assert(out.stdout === '1\n2\n3\n', `stdout ${JSON.stringify(out.stdout)}`);
  assert(out.stderr.startsWith('ERROR: late'), `stderr ${JSON.stringify(out.stderr)}`);
  const order = await page.$eval(testid('output'), (el) => el.textContent);
  assert(order.indexOf('3\n') < order.indexOf('ERROR: late'), `order: ${order}`);

  // A program printing forever: what was shown stays after Stop.
  await typeProgram(page, 'function chatter()\ni = 0\nwhile true\ni += 1\nprintln("tick ", i)\nend\nend\nchatter()');
  await page.click(testid('run'));
  await page.waitForFunction(() => document.querySelector('[data-testid="stdout"]')?.textContent.includes('tick 1\n'), null, { timeout: 30_000 });
  await page.click(testid('stop'));
  await page.waitForFunction(() => document.querySelector('[data-testid="output"]')?.textContent.includes('Stopped'), null, { timeout: 5_000 });
  const kept = await page.$eval(testid('stdout'), (el) => el.textContent);
  assert(/^tick \d+\n/.test(kept), `after Stop: ${JSON.stringify(kept.slice(0, 100))}`);
  await settled(page);

  // More than the page keeps (1 MiB): the last of it, whole lines, and a note.
  await typeProgram(page, 'function flood()\nfor i in 1:200000\nprintln("line number ", i)\nend\nend\nflood()');
  try {
    out = await runAndRead(page);
    assert(out.stdout.length <= 1 << 20 && out.stdout.length > 1 << 19, `kept ${out.stdout.length} bytes`);
    assert(out.stdout.startsWith('line number ') && out.stdout.endsWith('line number 200000\n'),
      `kept ${JSON.stringify(out.stdout.slice(0, 40))} … ${JSON.stringify(out.stdout.slice(-40))}`);
    const note = await page.$eval(testid('stdout-dropped'), (el) => el.textContent);
    assert(/MiB of earlier output not shown/.test(note), `note: ${note}`);
  } finally {
    // Leave a short draft behind, also when this failed: the next pages of this browser run
    // their draft at load, and a flood there would fail every later test.
    await typeProgram(page, 'println("bye")');
    await page.waitForTimeout(600);
  }
});

// The worker on its own: a sample of the file tests, which must print exactly what they print
// on wasmtime (their expectation blocks).
const sample = [
  'lang/int_arith.jl', 'lang/float_print.jl', 'lang/strings.jl', 'lang/vectors.jl', 'lang/structs.jl',
  'lang/varargs_kwargs.jl', 'lang/invalidation.jl', 'lang/math.jl', 'lang/control_flow.jl',
  'errors/method_error.jl', 'errors/undef_var.jl', 'errors/parse_error.jl', 'errors/stack_overflow.jl',
  'ir/code_typed_invoke.jl', 'seed/t07_invoke_ci_optimized.jl', 'seed/t08_with_new_compiler_ir.jl',
  'seed/t20_plugin_ci_cured.jl', 'seed/t26_partition_isolation.jl', 'lang/dynamic_call_sites.jl',
];
await test(`the worker prints what wasmtime prints (${sample.length} file tests)`, async (page) => {
  await open(page);
  for (const file of sample) {
    const want = expectation(path.join(repo, 'tests/files', file));
    const inlining = { heuristic: 'Heuristic', always: 'Always', never: 'Never' }[want.headers.inlining ?? 'heuristic'];
    const settings = { inlining, step_budget: Number(want.headers.steps ?? 1_000_000_000) };
    // The output streams in `Output` messages before the report, which carries none of it.
    const got = await page.evaluate(({ source, settings }) => new Promise((resolve) => {
      const worker = new Worker('./worker_loader.js');
      let streamed = '';
      worker.onmessage = (e) => {
        if (e.data === 'Ready') worker.postMessage({ Run: { source, settings, keep_session: false } });
        else if (e.data.Output) streamed += e.data.Output.text;
        else {
          worker.terminate();
          if (e.data.Ran) e.data.Ran.stdout = streamed + e.data.Ran.stdout;
          resolve(e.data);
        }
      };
    }), { source: want.program, settings });
    assert(got.Ran, `${file}: ${JSON.stringify(got).slice(0, 300)}`);
    const name = path.basename(file);
    const stderr = want.stderr.replaceAll(`${name}:`, 'main.jl:');
    assert(got.Ran.stdout === want.stdout, `${file}: stdout ${JSON.stringify(got.Ran.stdout.slice(0, 400))}`);
    // Where V8's own stack runs out first (a deep recursion), the callee frames are gone: as
    // the differential tests do, compare stack traces from the top-level frame.
    const exact = got.Ran.stderr === stderr;
    const same = exact || topLevelFramesOnly(got.Ran.stderr) === topLevelFramesOnly(stderr);
    assert(same, `${file}: stderr ${JSON.stringify(got.Ran.stderr)} != ${JSON.stringify(stderr)}`);
  }
});

await test('phone width: the panes stack and nothing overflows sideways', async (page) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page);
  await runAndRead(page, () => page.selectOption(testid('examples'), 'with_new_compiler'));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert(overflow <= 1, `the page is ${overflow}px wider than the screen`);
  await page.screenshot({ path: path.join(shots, 'playground-phone.png'), fullPage: true });
});

await test('screenshot for the report', async (page) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await open(page);
  await runAndRead(page, () => page.selectOption(testid('examples'), 'invoke_codeinstance'));
  await openPane(page, 'ir');
  await page.screenshot({ path: path.join(shots, 'playground.png') });
});

// Last, so that it also checks every test above: the server hears of every violation, the
// workers' included (the policy's report-uri, scripts/serve-dist.mjs).
await test('the Content-Security-Policy is in force, and nothing in this whole run violated it', async (page) => {
  const earlier = [...server.violations];
  const response = await page.goto(server.url);
  assert(response.headers()['content-security-policy']?.startsWith(CSP), 'the page came without the policy');
  await settled(page);
  // A script the page did not ship is blocked, and the page hears of it.
  const blocked = await page.evaluate(() => new Promise((resolve) => {
    addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true });
    const script = document.createElement('script');
    script.textContent = 'window.injectedRan = true';
    document.head.append(script);
  }));
  assert(blocked === 'script-src-elem', `the injected script was not blocked (${blocked})`);
  assert(!(await page.evaluate(() => window.injectedRan)), 'the injected script ran');
  // (Later, in a task of the page's own: DevTools lets the code it evaluates call eval.)
  const evalRefused = await page.evaluate(() => new Promise((resolve) => setTimeout(() => {
    try { resolve(eval('false')); } catch (e) { resolve(e instanceof EvalError); }
  })));
  assert(evalRefused, 'eval ran');
  // Its report reaches the server (so an empty list above means no violation, not no reports).
  for (let i = 0; i < 50 && server.violations.length === earlier.length; i++) await page.waitForTimeout(100);
  assert(server.violations.length > earlier.length, 'the blocked script was not reported');
  assert(earlier.length === 0, `violations during the run: ${JSON.stringify(earlier.slice(0, 3))}`);
});

await context.close();
server.close();
const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed (screenshots in ${path.relative(repo, shots)}/)`);
process.exit(failed ? 1 : 0);
