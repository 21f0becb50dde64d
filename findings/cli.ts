// Codes of the CLI's input problems (cli/inputError.ts InputErrorCode): printed as
// `aksnet: FILE: PATH: message [CODE]`, exit status 2, nothing deployed or written.
import type { AreaEntries } from './entry';
import * as src from './sources';

export const CLI_ENTRIES = {
  FILE_NOT_FOUND: {
    severity: 'error',
    title: 'A file named on the command line does not exist',
    meaning: 'aksnet reads only the files you name (or the Pulumi.<stack>.yaml of --stack in the current directory).',
    fix: 'Check the path and the directory you run from.',
    sources: [],
  },
  NOT_A_FILE: {
    severity: 'error',
    title: 'A path named as a file is a directory',
    meaning: 'Commands take files (stack files, plan JSON, objects), not directories.',
    fix: 'Name the file inside the directory.',
    sources: [],
  },
  INVALID_YAML: {
    severity: 'error',
    title: 'A file is not valid YAML',
    meaning: 'Stack files and object files are read as YAML (multi-document where the command says so); the message gives the parser\'s line and column.',
    fix: 'Fix the YAML at the position the message gives.',
    sources: [src.YAML_SPEC, src.PULUMI_CONFIG],
  },
  INVALID_JSON: {
    severity: 'error',
    title: 'A file is not valid JSON',
    meaning: 'Plan documents (aksnet plan --format json), deployedSettings and .json inputs are parsed as JSON.',
    fix: 'Fix the JSON, or regenerate it with the command that writes it.',
    sources: [src.JSON_SPEC],
  },
  INVALID_CONFIG: {
    severity: 'error',
    title: 'A stack config value does not match its schema',
    meaning: 'Every aks-networking:* config object is checked before anything is planned or deployed: types, required keys, allowed values and cross-field rules. The message gives the config path.',
    fix: 'Fix the value at the path the message names (docs/configuration.md lists every key).',
    sources: [src.PULUMI_CONFIG],
  },
  INVALID_CIDR: {
    severity: 'error',
    title: 'A value is not an IPv4 CIDR or address',
    meaning: 'Ranges are written as a.b.c.d/n with the host bits zero (10.1.0.0/16, not 10.1.0.5/16), and addresses as a.b.c.d.',
    fix: 'Write the range with its network address, as the message suggests.',
    sources: [src.VNET_FAQ],
  },
  INVALID_ARGUMENT: {
    severity: 'error',
    title: 'A command-line argument or option is not valid',
    meaning: 'An unknown option, a missing argument or a value outside the choices of the option (`aksnet help COMMAND` lists them).',
    fix: 'Correct the argument as the message says.',
    sources: [],
  },
  INVALID_PLAN: {
    severity: 'error',
    title: 'A file given to diff is not an aksnet plan document',
    meaning: 'aksnet diff compares two outputs of `aksnet plan --format json`; the file is JSON but lacks the fields of a plan, or is of another version.',
    fix: 'Regenerate both sides with `aksnet plan --format json` of the same aksnet version.',
    sources: [src.JSON_SPEC],
  },
  NO_STACKS: {
    severity: 'error',
    title: 'No stack file to plan',
    meaning: 'Without file arguments aksnet plans every Pulumi.<stack>.yaml in the current directory, and there is none.',
    fix: 'Run from the Pulumi project directory, pass --stack NAME, or name the files.',
    sources: [src.PULUMI_CONFIG],
  },
  NO_OBJECTS: {
    severity: 'error',
    title: 'An input file holds no objects',
    meaning: 'validate and reach read Kubernetes objects from each file; an empty file, an empty list or an empty kind: List checks nothing, and a glob that matched the wrong file would pass unnoticed.',
    fix: 'Name the files that hold the objects to check.',
    sources: [src.K8S_API_CONVENTIONS],
  },
  INVALID_PODS: {
    severity: 'error',
    title: 'The pods file of aksnet reach is not valid',
    meaning: 'The pods file is { namespaces: {ns: labels}, pods: [{namespace, name, labels, ip, ports, node?}], nodes?: {name: {ip?, os?}} }, with labels in Kubernetes\' syntax; the message gives the path of the bad value.',
    fix: 'Fix the value at the path the message names.',
    sources: [src.K8S_NETWORK_POLICIES],
  },
  INVALID_PROBES: {
    severity: 'error',
    title: 'The probes file of aksnet reach is not valid',
    meaning: 'Probes are [{from, to, port, protocol}], where from and to name a pod of the pods file (namespace/name) or an address (ip:a.b.c.d).',
    fix: 'Fix the probe the message names.',
    sources: [src.K8S_NETWORK_POLICIES],
  },
  INVALID_POLICY: {
    severity: 'error',
    title: 'A policy given to aksnet reach cannot be evaluated',
    meaning: 'reach evaluates only objects that pass `aksnet validate`; the message carries the validate code of the problem in brackets.',
    fix: 'Run `aksnet validate FILE` and fix what it reports.',
    sources: [src.K8S_NETWORK_POLICIES, src.CALICO_RESOURCES],
  },
  UNKNOWN_CODE: {
    severity: 'error',
    title: 'aksnet explain does not know the code',
    meaning: 'aksnet explain answers for every code the project emits; the message lists the closest known codes.',
    fix: 'Check the spelling, or pick one of the codes the message suggests (docs/findings.md lists them all).',
    sources: [],
  },
  INVALID_HISTORY: {
    severity: 'error',
    title: 'A line of the --history file is not a usage snapshot',
    meaning: 'aksnet usage --history reads JSON Lines it wrote itself: one object per line with version 1, a YYYY-MM-DD date, the stack and its ranges (key, used, capacity, planned). The message names the file and the line.',
    fix: 'Fix or delete that line (the history is plain text), or start a new file.',
    sources: [],
  },
  AZURE_CREDENTIAL_UNAVAILABLE: {
    severity: 'error',
    title: 'aksnet usage found no Azure credential',
    meaning: 'DefaultAzureCredential tried its sources (environment variables, workload identity, managed identity, Azure CLI, Azure Developer CLI) and none gave a token; nothing was read.',
    fix: 'Sign in with az login, or give the process a workload or managed identity (in GitHub Actions: azure/login with OIDC).',
    sources: [src.DEFAULT_AZURE_CREDENTIAL],
  },
} as const satisfies AreaEntries;
