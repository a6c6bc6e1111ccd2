// Lint + import boundaries (shared/ARCHITECTURE.md): app → components → lib, never upward.
// lib/ is framework-free; only lib/runtime may import onnxruntime-web.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const noUi = [
  { group: ['react', 'react/*', 'react-dom', 'react-dom/*'], message: 'lib/ is framework-free: no React.' },
  { group: ['next', 'next/*'], message: 'lib/ is framework-free: no next/*.' },
  { group: ['zustand', 'zustand/*'], message: 'lib/ holds no UI state: no zustand.' },
  { group: ['@/components/*', '@/app/*', '**/components/*', '**/app/*'], message: 'lib/ never imports upward.' },
];
const noOrt = { group: ['onnxruntime-web', 'onnxruntime-web/*'], message: 'Only lib/runtime imports onnxruntime-web.' };

export default tseslint.config(
  { ignores: ['node_modules/**', '.next/**', 'out/**', 'public/**', 'training/**', 'next-env.d.ts', '.gpu/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', window: 'readonly', document: 'readonly', self: 'readonly', navigator: 'readonly', performance: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', fetch: 'readonly', crypto: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['components/**/*.{ts,tsx}', 'app/**/*.{ts,tsx}', 'mdx-components.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['lib/**/*.ts'],
    ignores: ['lib/runtime/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...noUi, noOrt] }] },
  },
  {
    files: ['lib/runtime/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: noUi }] },
  },
  {
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        noOrt,
        { group: ['@/app/*', '**/app/*'], message: 'components/ never imports from app/.' },
      ] }],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        noOrt,
        { group: ['d3', 'd3-*'], message: 'app/ is routes only: D3 lives in components/.' },
      ] }],
    },
  },
  {
    files: ['scripts/**/*.{js,mjs,ts}', 'test/**/*.{ts,tsx,mjs}', '*.config.*'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
