/** <Widget id="utf8-bytes" /> in a lesson; `instance` names a second copy of the same widget. */
import { WidgetFrame } from '@/components/widgets/WidgetFrame';

export function Widget({ id, instance }: { id: string; instance?: string }) {
  return <WidgetFrame id={id} instance={instance} />;
}
