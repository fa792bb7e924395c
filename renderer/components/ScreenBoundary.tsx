// A screen loads its script when first opened (App.tsx). In browser mode that script
// comes from the app's server: where the server has stopped, the screen says so in the
// Api's own words, with a retry, rather than leaving the page blank. Any other error of a
// screen is said as what it is, never as a lost connection.
import { Component, type ReactNode } from 'react';
import type { ApiError } from '../../shared/errors';
import { screenError } from '../lib/screen-error';
import { ApiErrorAlert } from './ApiErrorAlert';

interface State {
  error: ApiError | null;
}

export class ScreenBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: screenError(error) };
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    // A failed dynamic import is not retried by React: loading the page again is.
    return <ApiErrorAlert error={this.state.error} onRetry={() => window.location.reload()} />;
  }
}
