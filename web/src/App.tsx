import { DraftPage } from './pages/DraftPage'
import { StudiesPage } from './pages/StudiesPage'
import { StudyPage } from './pages/StudyPage'
import { Link, match, Router, useRouter } from './lib/router'

function Routes() {
  const { path } = useRouter()
  let params: Record<string, string> | null
  if ((params = match('/studies/:id', path))) return <StudyPage key={params.id} studyId={params.id} />
  if ((params = match('/drafts/:id', path))) return <DraftPage key={params.id} draftId={params.id} />
  if (path === '/' || path === '' || path === '/studies') return <StudiesPage />
  return (
    <div className="page">
      <h1>Page not found</h1>
      <p>
        <Link to="/">Back to studies</Link>
      </p>
    </div>
  )
}

export default function App() {
  return (
    <Router>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="app-header">
        <Link to="/" className="brand" aria-label="ICF Studio home">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span>ICF Studio</span>
        </Link>
        <span className="app-tagline">Informed consent forms from clinical-trial protocols</span>
      </header>
      <main id="main" tabIndex={-1}>
        <Routes />
      </main>
    </Router>
  )
}
