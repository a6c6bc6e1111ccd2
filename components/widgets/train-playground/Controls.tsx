'use client';
/** The playground's settings: task, model, optimiser and schedule, seed. Every change starts a fresh run. */
import { Dec, Num, Select } from '../scale-common/Fields';
import { PLAY_HEADS, PLAY_TASKS, PLAY_WIDTHS, type TrainPlaygroundState } from './index';
import { TextPick } from './TextPick';

const TASK_LABELS: Record<(typeof PLAY_TASKS)[number], string> = {
  copy: 'Copy', reverse: 'Reverse', sort: 'Sort', modadd: 'Add modulo n', text: 'Next character',
};

export function Controls({ state, setState, hidden, locked }: {
  state: TrainPlaygroundState; setState: (p: Partial<TrainPlaygroundState>) => void; hidden: ReadonlySet<string>; locked: ReadonlySet<string>;
}) {
  const show = (k: string) => !hidden.has(k);
  return (
    <>
      <fieldset className="tp-group">
        <legend>Task</legend>
        <div className="tp-row">
          {show('task') && <Select name="task" label="Task" value={state.task} locked={locked} onChange={(task) => setState({ task })} options={PLAY_TASKS.map((t) => [t, TASK_LABELS[t]] as const)} />}
          {show('symbols') && state.task !== 'text' && <Num name="symbols" label={state.task === 'modadd' ? 'Modulus n' : 'Symbols n'} value={state.symbols} min={2} max={16} locked={locked} onValue={(symbols) => setState({ symbols })} />}
          {show('length') && state.task !== 'modadd' && state.task !== 'text' && <Num name="length" label="Length L" value={state.length} min={2} max={6} locked={locked} onValue={(length) => setState({ length })} />}
        </div>
        {state.task === 'text' && <TextPick state={state} setState={setState} hidden={hidden} locked={locked} />}
      </fieldset>
      <fieldset className="tp-group">
        <legend>Model</legend>
        <div className="tp-row">
          {show('layers') && <Num name="layers" label="Layers" value={state.layers} min={1} max={4} locked={locked} onValue={(layers) => setState({ layers })} />}
          {show('heads') && <Select name="heads" label="Heads" value={state.heads} locked={locked} onChange={(heads) => setState({ heads })} options={PLAY_HEADS.map((h) => [h, h] as const)} />}
          {show('width') && <Select name="width" label="Width d_model" value={state.width} locked={locked} onChange={(width) => setState({ width })} options={PLAY_WIDTHS.map((w) => [w, w] as const)} />}
        </div>
      </fieldset>
      <fieldset className="tp-group">
        <legend>Optimiser and schedule</legend>
        <div className="tp-row">
          {show('opt') && <Select name="opt" label="Optimiser" value={state.opt} locked={locked} onChange={(opt) => setState({ opt })} options={[['adamw', 'AdamW'], ['sgd', 'SGD + momentum 0.9']]} />}
          {show('lr') && <Dec name="lr" label="Peak learning rate" value={state.lr} min={0.0001} max={3} step={0.001} locked={locked} onValue={(lr) => setState({ lr })} />}
          {show('warmup') && <Num name="warmup" label="Warm-up steps" value={state.warmup} min={0} max={1000} locked={locked} onValue={(warmup) => setState({ warmup })} />}
          {show('steps') && <Num name="steps" label="Total steps" value={state.steps} min={10} max={4000} locked={locked} onValue={(steps) => setState({ steps })} />}
          {show('wd') && <Dec name="wd" label="Weight decay λ" value={state.wd} min={0} max={2} step={0.01} locked={locked} onValue={(wd) => setState({ wd })} />}
          {show('clip') && <Dec name="clip" label="Clip norm (0 = off)" value={state.clip} min={0} max={100} step={0.5} locked={locked} onValue={(clip) => setState({ clip })} />}
          {show('seed') && <Num name="seed" label="Seed" value={state.seed} min={0} max={4294967295} locked={locked} onValue={(seed) => setState({ seed })} />}
        </div>
      </fieldset>
    </>
  );
}
