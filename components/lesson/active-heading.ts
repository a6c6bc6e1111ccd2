/**
 * Which section of a lesson the reader is in: the last heading whose top has scrolled above a
 * reading line (a fixed distance below the top of the viewport); before the first heading
 * reaches it, the first heading.
 *
 * Example: tops [{a, -400}, {b, 90}, {c, 700}], line 200 → 'b' (a and b are above the line, b last).
 */
export interface HeadingTop {
  id: string;
  /** Distance from the top of the viewport in px (getBoundingClientRect().top); negative = scrolled past. */
  top: number;
}

export function activeHeading(tops: readonly HeadingTop[], line: number): string | null {
  let active: string | null = tops[0]?.id ?? null;
  for (const h of tops) if (h.top <= line) active = h.id;
  return active;
}
