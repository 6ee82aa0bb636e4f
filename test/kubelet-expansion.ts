/**
 * A port of the kubelet's `$(VAR)` expansion of container command, args and env values
 * (kubernetes third_party/forked/golang/expansion/expand.go, Expand and tryReadVariableName), used to
 * check that what we render reaches the process unchanged.
 */
export function kubeletExpand(input: string, env: Record<string, string>): string {
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] === '$' && cursor + 1 < input.length) {
      out += input.slice(checkpoint, cursor);
      const rest = input.slice(cursor + 1);
      let advance = 1;
      if (rest[0] === '$') {
        out += '$'; // escaped operator
      } else if (rest[0] === '(') {
        const close = rest.indexOf(')', 1);
        if (close >= 0) {
          const name = rest.slice(1, close);
          out += name in env ? env[name] : `$(${name})`;
          advance = close + 1;
        } else {
          out += '$(';
        }
      } else {
        out += '$' + rest[0];
      }
      cursor += advance;
      checkpoint = cursor + 1;
    }
  }
  return out + input.slice(checkpoint);
}
