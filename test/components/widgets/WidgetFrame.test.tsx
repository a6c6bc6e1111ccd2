// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { WidgetFrame } from '@/components/widgets/WidgetFrame';
import { EmbedFrame } from '@/components/widgets/EmbedFrame';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

describe('<WidgetFrame /> in a lesson', () => {
  it('reads its prefixed keys from the URL and shows a note for a bad value', async () => {
    window.history.replaceState(null, '', '/lessons/x/?utf8-bytes.text=hey&utf8-bytes.base=octal&other.k=1');
    render(<WidgetFrame id="utf8-bytes" />);
    expect(await screen.findByLabelText('Text')).toHaveValue('hey');
    expect(screen.getByTestId('url-notes')).toHaveTextContent('utf8-bytes.base: "octal" is not one of hex, bin, dec');
    expect(screen.getByLabelText('Hex')).toBeChecked();
  });

  it('writes a change back to the URL, keeping other widgets\u2019 keys', async () => {
    window.history.replaceState(null, '', '/lessons/x/?other.k=1');
    render(<WidgetFrame id="utf8-bytes" />);
    fireEvent.change(await screen.findByLabelText('Text'), { target: { value: 'é' } });
    await waitFor(() => expect(new URLSearchParams(window.location.search).get('utf8-bytes.text')).toBe('é'));
    const q = new URLSearchParams(window.location.search);
    expect(q.get('other.k')).toBe('1');
    expect(q.get('utf8-bytes.base')).toBe('hex');
  });

  it('leaves the URL alone until the student changes something', async () => {
    window.history.replaceState(null, '', '/lessons/x/');
    render(<WidgetFrame id="utf8-bytes" />);
    await screen.findByLabelText('Text');
    await act(() => new Promise((r) => setTimeout(r, 400)));
    expect(window.location.search).toBe('');
  });

  it('starts from the lesson preset, and the URL still wins over it', async () => {
    window.history.replaceState(null, '', '/lessons/x/?utf8-bytes.text=from-url');
    render(<WidgetFrame id="utf8-bytes" preset="text=from-preset&base=bin" />);
    expect(await screen.findByLabelText('Text')).toHaveValue('from-url');
    expect(screen.getByLabelText('Binary')).toBeChecked();
    expect(screen.queryByTestId('url-notes')).toBeNull();
  });

  it('says so when the widget id is unknown', () => {
    render(<WidgetFrame id="nope" />);
    expect(screen.getByText(/Unknown widget/)).toBeInTheDocument();
  });
});

describe('<EmbedFrame />', () => {
  it('applies hide and lock flags from the URL and notes unknown control names', async () => {
    window.history.replaceState(null, '', '/embed/utf8-bytes/?text=abc&hide=base,colour&lock=text');
    render(<EmbedFrame id="utf8-bytes" />);
    expect(await screen.findByLabelText('Text')).toHaveAttribute('readonly');
    expect(screen.queryByRole('radio')).toBeNull();
    expect(screen.getByTestId('url-notes')).toHaveTextContent('hide: "colour" is not a control of this widget');
  });
});
