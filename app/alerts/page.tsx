import { AllAlertsView } from './all-alerts-view';

export default function AllAlertsPage() {
  return <AllAlertsView />;
}
