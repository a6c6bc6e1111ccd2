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

  it('does not render hidden controls and makes locked ones read-only', () => {
    render(<Utf8Bytes state={{ text: 'a', base: 'hex' }} setState={() => {}} hidden={new Set(['base'])} locked={new Set(['text'])} />);
    expect(screen.queryByRole('radio')).toBeNull();
    expect(screen.getByLabelText('Text')).toHaveAttribute('readonly');
    expect(screen.queryByRole('group', { name: 'Examples' })).toBeNull();
  });
});
