// Issue 12's targets as ratios of rows measured in the same run. Each comes out as
// {name, value, target, op, pass}; a missing row (a scenario left out with --only) gives none.

const find = (rows, scenario, server) => rows.find((r) => r.scenario.startsWith(scenario) && r.server === server)

export function check(name, value, target, op) {
  const pass = op === '≤' ? value <= target : op === '<' ? value < target : op === '≥' ? value >= target : value > target
  return { name, value, target, op, pass }
}

export function loadTargets(rows, label) {
  const out = []
  const add = (name, a, b, field, target, op) => { if (a && b) out.push(check(`${name} (${label})`, a[field] / b[field], target, op)) }
  const viewer = find(rows, 'Viewer', label), hello = find(rows, 'Viewer', 'hello world'), verify = find(rows, 'Viewer', 'bare verify')
  add('Viewer CPU/req ÷ hello world', viewer, hello, 'cpuPerOp', 2, '≤')
  add('Viewer req/s ÷ hello world', viewer, hello, 'rate', 0.5, '≥')
  add('Viewer req/s ÷ bare verify', viewer, verify, 'rate', 1, '≥')
  const implicit = find(rows, 'implicit', label)
  add('implicit req/s ÷ oidc-provider', implicit, find(rows, 'implicit', 'oidc-provider 9'), 'rate', 1.5, '≥')
  add('implicit req/s ÷ jmondi', implicit, find(rows, 'implicit', '@jmondi/oauth2-server 4'), 'rate', 1.2, '≥')
  add('implicit CPU/op ÷ bare signing', implicit, find(rows, 'implicit', 'bare signing'), 'cpuPerOp', 1.5, '≤')
  add('code flow CPU/flow ÷ oidc-provider', find(rows, 'code + PKCE', label), find(rows, 'code + PKCE', 'oidc-provider 9'), 'cpuPerOp', 0.5, '≤')
  return out
}

export function targetCells(t) {
  const value = Math.abs(t.value) >= 100 ? t.value.toFixed(0) : t.value.toFixed(2)
  return [t.name, value, `${t.op} ${t.target}`, t.pass ? 'pass' : 'miss']
}
