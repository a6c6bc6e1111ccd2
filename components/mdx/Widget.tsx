/**
 * <Widget id="utf8-bytes" /> in a lesson.
 *   instance="second"        a second copy of the same widget, with its own URL keys
 *   preset="text=hi&base=bin" this placement's starting state (URL values still win)
 */
import { WidgetFrame } from '@/components/widgets/WidgetFrame';

export function Widget({ id, instance, preset }: { id: string; instance?: string; preset?: string }) {
  return <WidgetFrame id={id} instance={instance} preset={preset} />;
}
