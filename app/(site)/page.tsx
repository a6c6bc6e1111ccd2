import { LessonIndex } from '@/components/lesson/LessonIndex';
import { Widget } from '@/components/mdx/Widget';

export default function Home() {
  return (
    <div className="page">
      <h1>LLM Lab</h1>
      <p className="lead">
        How do language models work? Not in the abstract: poke small, real models that run live in your browser, and see
        every number they compute.
      </p>
      <section aria-labelledby="try-it">
        <h2 id="try-it">Try it: a language model in this browser</h2>
        <p>
          A small transformer (about two million parameters) trained on Jane Austen (plus Moby-Dick and the King James Bible) continues your
          text here, on your device. Nothing is sent to a server.
        </p>
        <Widget id="generate" />
      </section>
      <LessonIndex />
    </div>
  );
}
