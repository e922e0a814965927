// The few parts of autocannon's programmatic API the runner uses (the package ships no types).
declare module 'autocannon' {
  namespace autocannon {
    /** One of autocannon's hdr-histogram summaries. */
    interface Histogram {
      average: number;
      stddev: number;
      min: number;
      max: number;
      p50: number;
      p90: number;
      p99: number;
    }

    interface Options {
      url: string;
      connections?: number;
      /** Seconds. */
      duration?: number;
      pipelining?: number;
      method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      /** The request body of every request. */
      body?: string;
      headers?: Record<string, string>;
      title?: string;
    }

    interface Result {
      title?: string;
      url: string;
      /** Requests per second, sampled every second. */
      requests: Histogram & { total: number };
      /** Milliseconds. */
      latency: Histogram;
      /** Bytes per second. */
      throughput: Histogram;
      /** Seconds. */
      duration: number;
      errors: number;
      timeouts: number;
      non2xx: number;
    }
  }

  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;

  export = autocannon;
}
