// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import TokenViewer from '@/components/widgets/token-viewer/TokenViewer';

afterEach(cleanup);
const none = new Set<string>();

describe('<TokenViewer />', () => {
  it('shows byte tokens, their ids and the counts for the text in its state', async () => {
    render(<TokenViewer state={{ text: 'hé y', tok: 'byte' }} setState={() => {}} hidden={none} locked={none} />);
    const tokens = await screen.findByRole('list', { name: /^Tokens/ });
    // h, é (2 bytes), space, y → 5 byte tokens
    expect(tokens.querySelectorAll('[role="listitem"]')).toHaveLength(5);
    expect(screen.getByText('bytes').parentElement).toHaveTextContent('5 bytes');
    expect(screen.getByText('characters').parentElement).toHaveTextContent('4 characters');
    expect(screen.getByText('bytes / token').parentElement).toHaveTextContent('1 bytes / token');
    const ids = screen.getByRole('list', { name: /^Token ids/ });
    expect(Array.from(ids.querySelectorAll('[role="listitem"]')).map((e) => e.textContent)).toEqual(['104', '195', '169', '32', '121']);
    expect(tokens.querySelectorAll('[role="listitem"]')[3]).toHaveTextContent('·');
  });

  it('hovering a token highlights its id, and arrow keys move the highlight', async () => {
    render(<TokenViewer state={{ text: 'ab', tok: 'byte' }} setState={() => {}} hidden={none} locked={none} />);
    const tokens = (await screen.findByRole('list', { name: /^Tokens/ })).querySelectorAll('[role="listitem"]');
    const ids = screen.getByRole('list', { name: /^Token ids/ }).querySelectorAll('[role="listitem"]');
    fireEvent.mouseEnter(tokens[1]);
    expect(ids[1]).toHaveClass('is-active');
    expect(ids[0]).not.toHaveClass('is-active');
    fireEvent.focus(ids[0]);
    expect(tokens[0]).toHaveClass('is-active');
    fireEvent.keyDown(ids[0], { key: 'ArrowRight' });
    expect(document.activeElement).toBe(ids[1]);
    expect(tokens[1]).toHaveClass('is-active');
  });

  it('asks for a state change when the student types or picks a tokenizer', async () => {
    const setState = vi.fn();
    render(<TokenViewer state={{ text: 'a', tok: 'byte' }} setState={setState} hidden={none} locked={none} />);
    await screen.findByRole('list', { name: /^Tokens/ });
    fireEvent.change(screen.getByLabelText('Text'), { target: { value: 'ab' } });
    fireEvent.change(screen.getByLabelText('Tokenizer'), { target: { value: 'char' } });
    expect(setState.mock.calls).toEqual([[{ text: 'ab' }], [{ tok: 'char' }]]);
  });

  it('character tokens follow code points: an emoji is one token', async () => {
    render(<TokenViewer state={{ text: 'a👋', tok: 'char' }} setState={() => {}} hidden={none} locked={none} />);
    const tokens = await screen.findByRole('list', { name: /^Tokens/ });
    expect(Array.from(tokens.querySelectorAll('[role="listitem"]')).map((e) => e.textContent)).toEqual(['a', '👋']);
  });
});
