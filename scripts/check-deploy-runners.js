#!/usr/bin/env node
// Before any stack deploys: every stack whose API server is private (aks-networking:cluster
// apiServer.private) needs a runner that reaches it, named by the repository variable
// <STACK>_RUNNER (JSON `runs-on`, e.g. ["self-hosted", "aks-prod"]). A GitHub-hosted runner
// (or none) would create the Azure resources and then fail on the first Kubernetes object, leaving
// the stack half-deployed. Exit 1 with one ::error line per stack, 0 when every private stack has a
// self-hosted runner.
//
//   node scripts/check-deploy-runners.js [STACK...]          (default: every Pulumi.<stack>.yaml here)
//   node scripts/check-deploy-runners.js STACK --runner JSON  (the runner a deploy job was given)
//
// Plain JavaScript with js-yaml only, so it runs right after `npm ci`.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { load } = require('js-yaml');

/** GitHub-hosted runner labels (https://docs.github.com/actions/using-github-hosted-runners/about-github-hosted-runners). */
const HOSTED = /^(ubuntu|windows|macos)-/;

function runnerProblem(stack, privateApiServer, runnerJson) {
  if (!privateApiServer) return undefined;
  const variable = `${stack.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_RUNNER`;
  if (!runnerJson) return `stack ${stack} has a private API server and ${variable} is not set: set it to the labels of a runner inside (or peered with) the cluster's VNet, e.g. ["self-hosted", "aks-${stack}"]`;
  let labels;
  try {
    labels = [].concat(JSON.parse(runnerJson));
  } catch {
    return `${variable} is not JSON (${runnerJson}); write e.g. ["self-hosted", "aks-${stack}"]`;
  }
  if (labels.some((l) => typeof l === 'string' && HOSTED.test(l))) {
    return `stack ${stack} has a private API server, but ${variable} names a GitHub-hosted runner (${labels.join(', ')}), which cannot reach it; name a runner inside (or peered with) the cluster's VNet`;
  }
  return undefined;
}

function stackPrivate(file) {
  const doc = load(fs.readFileSync(file, 'utf8')) || {};
  const cluster = (doc.config || {})['aks-networking:cluster'] || {};
  return Boolean(cluster.apiServer && cluster.apiServer.private === true);
}

function main(argv, env, cwd) {
  const at = argv.indexOf('--runner');
  if (at >= 0) {
    const runner = argv[at + 1];
    const stack = argv.filter((_, i) => i !== at && i !== at + 1)[0];
    const variable = `${stack.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_RUNNER`;
    return main([stack], { [variable]: runner }, cwd);
  }
  const stacks = argv.length > 0 ? argv : fs.readdirSync(cwd).filter((f) => /^Pulumi\.[^.]+\.yaml$/.test(f)).map((f) => f.split('.')[1]);
  const problems = [];
  for (const stack of stacks) {
    const variable = `${stack.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_RUNNER`;
    const problem = runnerProblem(stack, stackPrivate(path.join(cwd, `Pulumi.${stack}.yaml`)), env[variable]);
    if (problem) problems.push(problem);
  }
  for (const p of problems) process.stdout.write(`::error::${p}\n`);
  return problems.length > 0 ? 1 : 0;
}

module.exports = { runnerProblem, main };
if (require.main === module) process.exitCode = main(process.argv.slice(2), process.env, process.cwd());
