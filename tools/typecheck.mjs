#!/usr/bin/env node
// `npm run typecheck`: `tsc --noEmit` of every project's tsconfig (the Angular app and
// libraries' non-test configs through `ngc`, so their templates are checked too), two at a
// time. The configs are found on disk, so a new app or library is checked without being
// listed here. Prints each failure's compiler output and ends with "typecheck: N passed, N failed".
//
//   npm run typecheck                      # every project
//   npm run typecheck -- libs/server/core  # only projects under these folders
//   TYPECHECK_CONCURRENCY=1 npm run typecheck
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const resolvePackageFile = createRequire(join(root, 'package.json')).resolve;
/** The compilers' entry points, run with this Node (found as Node finds packages, so from any checkout). */
const COMPILERS = {
  tsc: () => resolvePackageFile('typescript/bin/tsc'),
  ngc: () => join(dirname(resolvePackageFile('@angular/compiler-cli/package.json')), 'bundles/src/bin/ngc.js'),
};

/** The configs a project is compiled with; a project without them (web-e2e) has one tsconfig.json. */
const PROJECT_CONFIGS = ['tsconfig.app.json', 'tsconfig.lib.json', 'tsconfig.spec.json'];
/** Folders that never hold a project root. */
const SKIPPED_FOLDERS = new Set(['node_modules', 'src', 'dist', 'test', '.nx', '.angular']);

/**
 * Every config to check, grouped by project: `{ project, configs: [{ path, compiler }] }`.
 * A project is a folder under apps/ or libs/ with a project.json; tools/ counts as one
 * when it has a tsconfig.
 */
export function findTypecheckTargets(onlyUnder = []) {
  const projects = [...projectFolders(join(root, 'apps')), ...projectFolders(join(root, 'libs'))];
  if (existsSync(join(root, 'tools/tsconfig.json'))) projects.push(join(root, 'tools'));
  return projects
    .map((folder) => ({ project: relative(root, folder), configs: configsOf(folder) }))
    .filter(({ project, configs }) => configs.length && (!onlyUnder.length || onlyUnder.some((prefix) => isUnder(project, prefix))))
    .sort((a, b) => a.project.localeCompare(b.project));
}

function projectFolders(folder) {
  if (!existsSync(folder)) return [];
  if (existsSync(join(folder, 'project.json'))) return [folder];
  return readdirSync(folder)
    .filter((name) => !SKIPPED_FOLDERS.has(name) && statSync(join(folder, name)).isDirectory())
    .flatMap((name) => projectFolders(join(folder, name)));
}

function configsOf(folder) {
  let names = PROJECT_CONFIGS.filter((name) => existsSync(join(folder, name)));
  if (!names.length && existsSync(join(folder, 'tsconfig.json')) && !isSolutionConfig(join(folder, 'tsconfig.json'))) {
    names = ['tsconfig.json'];
  }
  return names.map((name) => {
    const path = relative(root, join(folder, name));
    // Test configs go through tsc: Jest compiles their components just in time, and ngc adds nothing there.
    const compiler = name !== 'tsconfig.spec.json' && hasAngularOptions(join(folder, name)) ? 'ngc' : 'tsc';
    return { path, compiler };
  });
}

function isUnder(project, prefix) {
  const wanted = prefix.replace(/^\.\//, '').replace(/\/+$/, '');
  return project === wanted || project.startsWith(`${wanted}/`) || wanted.startsWith(`${project}/`);
}

function readConfig(path) {
  const { config, error } = ts.readConfigFile(path, ts.sys.readFile);
  if (error) throw new Error(`${relative(root, path)}: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')}`);
  return config;
}

/** A tsconfig.json that only references others (`"files": []`, `"include": []`) compiles nothing itself. */
function isSolutionConfig(path) {
  const config = readConfig(path);
  return Array.isArray(config.files) && !config.files.length && Array.isArray(config.include) && !config.include.length;
}

/** Whether the config or one it extends (relative paths) carries `angularCompilerOptions`. */
function hasAngularOptions(path) {
  const config = readConfig(path);
  if (config.angularCompilerOptions) return true;
  const parent = typeof config.extends === 'string' && config.extends.startsWith('.') ? resolve(dirname(path), config.extends) : null;
  return parent !== null && existsSync(parent) && hasAngularOptions(parent);
}

/** Runs one compiler and answers `{ ok, output, seconds }`; never rejects. */
function compile({ path, compiler }) {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, [COMPILERS[compiler](), '-p', path, '--noEmit'], { cwd: root, env: process.env });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const finish = (ok, extra = '') => done({ ok, output: output + extra, seconds: (Date.now() - started) / 1000 });
    child.on('error', (error) => finish(false, `\n${error.message}`));
    child.on('close', (code) => finish(code === 0));
  });
}

/**
 * Type-checks every target, `concurrency` compilers at a time, printing each result as it ends
 * (a failure with the compiler's output). Answers one result per project:
 * `{ project, ok, failures: [config paths] }`.
 */
export async function typecheckProjects({ onlyUnder = [], concurrency = 2, print = (line) => process.stdout.write(`${line}\n`) } = {}) {
  const targets = findTypecheckTargets(onlyUnder);
  const queue = targets.flatMap(({ project, configs }) => configs.map((config) => ({ project, ...config })));
  const failed = new Map(targets.map(({ project }) => [project, []]));
  const started = Date.now();
  print(`typecheck: ${queue.length} configs of ${targets.length} projects, ${concurrency} at a time`);

  async function worker() {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const { ok, output, seconds } = await compile(next);
      const command = `${next.compiler} -p ${next.path} --noEmit`;
      if (ok) {
        print(`  ok      ${command} (${seconds.toFixed(1)} s)`);
      } else {
        failed.get(next.project).push(next.path);
        print(`  FAILED  ${command} (${seconds.toFixed(1)} s)\n${indent(output.trim())}`);
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));

  const results = targets.map(({ project }) => ({ project, ok: !failed.get(project).length, failures: failed.get(project) }));
  const passed = results.filter((result) => result.ok).length;
  print(`typecheck: ${passed} passed, ${results.length - passed} failed (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  return results;
}

function indent(text) {
  return text
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const concurrency = Number(process.env.TYPECHECK_CONCURRENCY ?? 2);
  const results = await typecheckProjects({ onlyUnder: process.argv.slice(2), concurrency });
  process.exit(results.length && results.every((result) => result.ok) ? 0 : 1);
}
