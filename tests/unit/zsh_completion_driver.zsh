# Types command lines into a real interactive zsh on a pseudo-terminal, presses
# Tab after each, and writes the candidates compsys offered to $OUT:
#   zsh -f zsh_completion_driver.zsh OUT FPATH_DIR 'pwc te' 'pwc check --format ' ...
# Each line's candidates follow a `LINE <text>` marker, one `CAND <word>` each,
# and end with `END`.  Ctrl-U clears the line between them.
zmodload zsh/zpty
out=$1 dir=$2
shift 2
zpty shell zsh -f -i
drain() { local chunk; while zpty -r -t shell chunk; do :; done }
send() { zpty -w shell "$1"; drain }
ends() { [[ -f $out ]] && print -r -- ${#${(M)${(f)"$(<$out)"}:#END}} || print 0 }
send "PS1='> '; fpath=(${(q)dir} \$fpath); autoload -U compinit; compinit -u -D"
# compadd wrapped: every match added is also written out (calls that only
# collect matches into an array, -O/-A/-D, go straight through).
send "capture() { compadd() { if (( \${@[(I)-[OAD]*]} )); then builtin compadd \"\$@\"; return; fi
  local -a found; builtin compadd -O found \"\$@\"; print -rl -- \${found/#/CAND } >> ${(q)out}
  builtin compadd \"\$@\"; }; _main_complete; unfunction compadd; print -r -- END >> ${(q)out}; }"
send 'zle -C capture-tab complete-word capture; bindkey "^I" capture-tab'
done_lines=0
for line in "$@"; do
    print -r -- "LINE $line" >> $out
    zpty -w -n shell "$line"$'\t'
    for ((try = 0; try < 200; try++)); do  # up to 20 s on a loaded machine
        (( $(ends) > done_lines )) && break
        sleep 0.1
    done
    (( done_lines += 1 ))
    zpty -w -n shell $'\x15'
    drain
done
zpty -d shell
