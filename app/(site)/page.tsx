import { LessonIndex } from '@/components/lesson/LessonIndex';

export default function Home() {
  return (
    <div className="page">
      <h1>LLM Lab</h1>
      <p className="lead">
        How do language models work? Not in the abstract: poke small, real models that run live in your browser, and see
        every number they compute.
      </p>
      <LessonIndex />
    </div>
  );
}
