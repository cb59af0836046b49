// Package jobs runs the portal's background sweeps on a timer in every replica. A sweep
// must be safe to run in several replicas at once: each one claims its work with a
// conditional update or a lease in the database, so a piece of work is done once however
// many replicas sweep.
package jobs

import (
	"context"
	"log/slog"
	"time"
)

// Job is a sweep run every Every; Run returns how much it did.
type Job struct {
	Name  string
	Every time.Duration
	Run   func(context.Context) (int, error)
}

// Start runs each job at once and then on its timer until ctx ends.
func Start(ctx context.Context, log *slog.Logger, jobs ...Job) {
	for _, j := range jobs {
		go func() {
			t := time.NewTicker(j.Every)
			defer t.Stop()
			for {
				if n, err := j.Run(ctx); err != nil && ctx.Err() == nil {
					log.ErrorContext(ctx, "job failed", slog.String("job", j.Name), slog.Any("err", err))
				} else if n > 0 {
					log.InfoContext(ctx, "job done", slog.String("job", j.Name), slog.Int("count", n))
				}
				select {
				case <-ctx.Done():
					return
				case <-t.C:
				}
			}
		}()
	}
}
