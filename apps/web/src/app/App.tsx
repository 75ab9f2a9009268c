export function App() {
  return <main>Stepping Stones</main>;
}
