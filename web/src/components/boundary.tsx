// Keeps a page from going blank: a failure while drawing it is shown in its place.
import { Component, type ComponentChildren } from "preact";

export class PageBoundary extends Component<{ children: ComponentChildren; url: string }, { failed?: string }> {
  state: { failed?: string } = {};
  static getDerivedStateFromError(error: unknown) {
    return { failed: error instanceof Error ? error.message : String(error) };
  }
  componentDidUpdate(previous: { url: string }) {
    if (previous.url !== this.props.url && this.state.failed) this.setState({ failed: undefined });
  }
  render() {
    if (this.state.failed)
      return (
        <div class="problem" role="alert">
          <strong>This page could not be shown.</strong> {this.state.failed} <a href="/">Go to the overview</a> or reload the page.
        </div>
      );
    return this.props.children;
  }
}
