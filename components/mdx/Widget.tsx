/**
 * <Widget id="utf8-bytes" /> in a lesson (a server component: it runs at build time).
 *   instance="second"        a second copy of the same widget, with its own URL keys
 *   preset="text=hi&base=bin" this placement's starting state (URL values still win)
 * The title and reserved height are read from the widget's folder here, so the static HTML has
 * them before the widget's def and code load in the browser.
 */
import { WidgetFrame } from '@/components/widgets/WidgetFrame';
import { listWidgets } from '@/components/widgets/server-list';

export function Widget({ id, instance, preset }: { id: string; instance?: string; preset?: string }) {
  const listing = listWidgets().find((w) => w.id === id);
  return <WidgetFrame id={id} instance={instance} preset={preset} title={listing?.title} minHeight={listing?.minHeight} />;
}
