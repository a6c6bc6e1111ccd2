import Link from 'next/link';

export default function NotFound() {
  return (
    <main id="main" className="page">
      <h1>Page not found</h1>
      <p>
        There is no such page in the lab. <Link href="/">See all lessons</Link>.
      </p>
    </main>
  );
}
