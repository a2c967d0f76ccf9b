import { createRequire as __kustenvRequire } from 'node:module'; const require = __kustenvRequire(import.meta.url);
import "./kustenv-QKI3VPXQ.mjs";

// dist/cli/completion.js
var VALUE_OPTIONS = ["--config", "--cwd", "--env-file", "--set", "--format", "-o", "--context", "--namespace", "-n", "--kustomize", "--into", "--against"];
var FORMATS = ["text", "json", "markdown", "dotenv"];
var SHELLS = ["bash", "zsh", "fish"];
var dashed = (flags) => flags.map((f) => `--${f}`).join(" ");
function completionScript(shell, w) {
  return shell === "bash" ? bash(w) : shell === "zsh" ? zsh(w) : fish(w);
}
function bash(w) {
  const flagCases = w.commands.map((c) => `      ${c}) flags="${dashed(w.perCommand[c] ?? [])}" ;;`).join("\n");
  return `# kustenv completion for bash. Add to ~/.bashrc:  source <(kustenv completion bash)
_kustenv() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" cmd="" i flags
  COMPREPLY=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      ${VALUE_OPTIONS.join("|")}) ((i++)) ;;
      -*) ;;
      *) cmd="\${COMP_WORDS[i]}"; break ;;
    esac
  done
  case "$prev" in
    --format|-o) COMPREPLY=($(compgen -W "${FORMATS.join(" ")}" -- "$cur")); return 0 ;;
    --config|--env-file|--cwd|--kustomize|--into) return 0 ;;
    --set|--context|--namespace|-n|--against) return 0 ;;
  esac
  if [[ -z "$cmd" ]]; then
    if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "${dashed(w.global)}" -- "$cur"))
    else COMPREPLY=($(compgen -W "${w.commands.join(" ")}" -- "$cur")); fi
    return 0
  fi
  if [[ "$cur" == -* ]]; then
    case "$cmd" in
${flagCases}
      *) flags="${dashed(w.global)}" ;;
    esac
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
    return 0
  fi
  case "$cmd" in
    ${w.envCommands.join("|")})
      # Never through compgen -W, which expands each word ($(...), backquotes, globs): a folder name is data.
      local name re='^[A-Za-z0-9][A-Za-z0-9._-]*$'
      while IFS= read -r name; do
        [[ $name =~ $re && $name == "$cur"* ]] && COMPREPLY+=("$name")
      done < <(kustenv completion --environments 2>/dev/null) ;;
    completion) COMPREPLY=($(compgen -W "${SHELLS.join(" ")}" -- "$cur")) ;;
  esac
  return 0
}
complete -o default -F _kustenv kustenv
`;
}
function zsh(w) {
  const flagCases = w.commands.map((c) => `    (${c}) compadd -- ${dashed(w.perCommand[c] ?? [])} ;;`).join("\n");
  return `#compdef kustenv
# kustenv completion for zsh. Add to ~/.zshrc:  source <(kustenv completion zsh)
# or save it as _kustenv in a folder of $fpath.
_kustenv() {
  local cmd="" i cur="\${words[CURRENT]}" prev="\${words[CURRENT-1]}"
  for ((i = 2; i < CURRENT; i++)); do
    case "\${words[i]}" in
      (${VALUE_OPTIONS.join("|")}) ((i++)) ;;
      (-*) ;;
      (*) cmd="\${words[i]}"; break ;;
    esac
  done
  case "$prev" in
    (--format|-o) compadd -- ${FORMATS.join(" ")}; return ;;
    (--config|--env-file|--kustomize|--into) _files; return ;;
    (--cwd) _files -/; return ;;
    (--set|--context|--namespace|-n|--against) return ;;
  esac
  if [[ -z "$cmd" ]]; then
    if [[ "$cur" == -* ]]; then compadd -- ${dashed(w.global)}; else compadd -- ${w.commands.join(" ")}; fi
    return
  fi
  if [[ "$cur" == -* ]]; then
    case "$cmd" in
${flagCases}
    esac
    return
  fi
  case "$cmd" in
    (${w.envCommands.join("|")}) compadd -- \${(f)"$(kustenv completion --environments 2>/dev/null)"} ;;
    (completion) compadd -- ${SHELLS.join(" ")} ;;
  esac
}
if [[ "\${funcstack[1]}" == "_kustenv" ]]; then _kustenv "$@"; else compdef _kustenv kustenv; fi
`;
}
function fish(w) {
  const lines = [
    "# kustenv completion for fish. Save as ~/.config/fish/completions/kustenv.fish",
    "function __kustenv_command",
    "    set -l words (commandline -opc)",
    "    set -e words[1]",
    "    set -l skip 0",
    "    for word in $words",
    "        if test $skip = 1",
    "            set skip 0",
    "            continue",
    "        end",
    "        switch $word",
    `            case ${VALUE_OPTIONS.join(" ")}`,
    "                set skip 1",
    "            case '-*'",
    "            case '*'",
    "                echo $word",
    "                return 0",
    "        end",
    "    end",
    "    return 1",
    "end",
    "function __kustenv_no_command",
    "    not __kustenv_command >/dev/null",
    "end",
    "function __kustenv_is",
    "    set -l c (__kustenv_command); or return 1",
    "    contains -- $c $argv",
    "end",
    "complete -c kustenv -f",
    `complete -c kustenv -n __kustenv_no_command -a '${w.commands.join(" ")}'`,
    ...w.global.map((f) => `complete -c kustenv -l ${f}${["config", "env-file", "cwd"].includes(f) ? " -r -F" : ""}${f === "format" ? ` -x -a '${FORMATS.join(" ")}'` : ""}`),
    ...w.commands.flatMap((c) => (w.perCommand[c] ?? []).filter((f) => !w.global.includes(f)).map((f) => `complete -c kustenv -n '__kustenv_is ${c}' -l ${f}`)),
    `complete -c kustenv -n '__kustenv_is ${w.envCommands.join(" ")}' -a '(kustenv completion --environments 2>/dev/null)'`,
    `complete -c kustenv -n '__kustenv_is completion' -a '${SHELLS.join(" ")}'`
  ];
  return `${lines.join("\n")}
`;
}
export {
  completionScript
};
