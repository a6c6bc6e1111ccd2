/** A token's text made visible: spaces → ␣, newlines → ⏎, tabs → ⇥. */
export function showToken(s: string): string {
  return s.replace(/ /g, '␣').replace(/\n/g, '⏎').replace(/\t/g, '⇥');
}
