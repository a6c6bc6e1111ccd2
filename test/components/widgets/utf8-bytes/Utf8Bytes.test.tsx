// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Utf8Bytes from '@/components/widgets/utf8-bytes/Utf8Bytes';

afterEach(cleanup);
const none = new Set<string>();

describe('<Utf8Bytes />', () => {
  it('shows counts and bytes for the text in its state', () => {
    render(<Utf8Bytes state={{ text: 'é€', base: 'hex' }} setState={() => {}} hidden={none} locked={none} />);
    expect(screen.getByText('UTF-8 bytes').parentElement).toHaveTextContent('5 UTF-8 bytes');
    const cards = screen.getAllByRole('listitem');
    expect(cards.map((c) => c.getAttribute('aria-label'))).toEqual(['é: 1 code point, 2 bytes', '€: 1 code point, 3 bytes']);
    expect(cards[1]).toHaveTextContent('U+20ACE282AC');
  });

  it('asks for a state change when the student types or picks a base', () => {
    const setState = vi.fn();
    render(<Utf8Bytes state={{ text: 'a', base: 'hex' }} setState={setState} hidden={none} locked={none} />);
    fireEvent.change(screen.getByLabelText('Text'), { target: { value: 'ab' } });
    fireEvent.click(screen.getByLabelText('Binary'));
    fireEvent.click(screen.getByRole('button', { name: 'Flag' }));
    expect(setState.mock.calls).toEqual([[{ text: 'ab' }], [{ base: 'bin' }], [{ text: '🇫🇷' }]]);
  });

  it('cuts a paste longer than the URL limit to its first 120 code points and says so', () => {
    const setState = vi.fn();
    render(<Utf8Bytes state={{ text: 'a', base: 'hex' }} setState={setState} hidden={none} locked={none} />);
    expect(screen.queryByText(/Text cut to/)).toBeNull();
    fireEvent.change(screen.getByLabelText('Text'), { target: { value: '👋'.repeat(150_000) } });
    expect(setState).toHaveBeenLastCalledWith({ text: '👋'.repeat(120) });
    expect(screen.getByText('Text cut to its first 120 characters: this widget takes at most 120.')).toBeVisible();
    fireEvent.change(screen.getByLabelText('Text'), { target: { value: 'short' } });
    expect(screen.queryByText(/Text cut to/)).toBeNull();
  });

  it('takes over a paste that would not fit, so the browser never inserts the whole of it', () => {
    const setState = vi.fn();
    render(<Utf8Bytes state={{ text: 'ab', base: 'hex' }} setState={setState} hidden={none} locked={none} />);
    const box = screen.getByLabelText('Text') as HTMLInputElement;
    expect(box.maxLength).toBe(241);
    box.setSelectionRange(1, 1);
    const big = fireEvent.paste(box, { clipboardData: { getData: () => 'x\ny'.repeat(1000) } });
    expect(big).toBe(false); // default prevented
    expect(setState).toHaveBeenLastCalledWith({ text: `a${'x y'.repeat(1000)}`.slice(0, 120) });
    setState.mockClear();
    expect(fireEvent.paste(box, { clipboardData: { getData: () => 'fits' } })).toBe(true);
    expect(setState).not.toHaveBeenCalled();
  });

  it('does not render hidden controls and makes locked ones read-only', () => {
    render(<Utf8Bytes state={{ text: 'a', base: 'hex' }} setState={() => {}} hidden={new Set(['base'])} locked={new Set(['text'])} />);
    expect(screen.queryByRole('radio')).toBeNull();
    expect(screen.getByLabelText('Text')).toHaveAttribute('readonly');
    expect(screen.queryByRole('group', { name: 'Examples' })).toBeNull();
  });
});
