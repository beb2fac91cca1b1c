"""Slow work as tasks on a real queue engine (dramatiq): voice download and recognition,
extraction past the reply budget, late delivery by 客服消息, and whatever registers a task
(charts). Redis is the default broker (the same server as the state, embedded or not);
`queue.broker_url` selects RabbitMQ. See engine.py for why dramatiq.
"""
